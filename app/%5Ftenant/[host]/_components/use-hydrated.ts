"use client";

import { useSyncExternalStore } from "react";

const subscribe = () => () => undefined;

/**
 * False in the server's HTML and until React has hydrated, true after. A button that works only
 * through its click handler is disabled until then, so a click that lands early is refused
 * visibly (and waited for by a test) instead of being lost.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
