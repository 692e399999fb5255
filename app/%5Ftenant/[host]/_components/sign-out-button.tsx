"use client";

import { useState } from "react";
import { submitSignOut } from "./client-auth";
import { useHydrated } from "./use-hydrated";

export function SignOutButton({ className = "" }: { className?: string }) {
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      disabled={pending || !hydrated}
      className={className}
      onClick={async () => {
        setPending(true);
        await submitSignOut().catch(() => undefined);
        // A full page load on purpose: nothing rendered for the old session may stay on screen.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/");
      }}
    >
      {pending ? "Signing out…" : "Sign out"}
    </button>
  );
}
