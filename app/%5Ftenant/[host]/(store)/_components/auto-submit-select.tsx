"use client";

import { useEffect, useRef, type ComponentProps } from "react";

/**
 * A select that submits its form when changed; without JavaScript the form's button does it.
 * A choice made before the page's script ran fired no handler, so on hydration a value that
 * differs from the one the server rendered is submitted then, instead of being lost.
 */
export function AutoSubmitSelect(props: ComponentProps<"select">) {
  const ref = useRef<HTMLSelectElement>(null);
  // Only the first mount can carry a change the handler missed: compare with the first render's value.
  const rendered = useRef(props.defaultValue ?? props.value);
  useEffect(() => {
    const select = ref.current;
    const initial = rendered.current;
    if (select && initial !== undefined && select.value !== String(initial)) select.form?.requestSubmit();
  }, []);
  return <select {...props} ref={ref} onChange={(event) => event.currentTarget.form?.requestSubmit()} />;
}
