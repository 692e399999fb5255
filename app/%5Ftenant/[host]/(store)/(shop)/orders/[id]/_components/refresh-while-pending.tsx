"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Re-renders the order page every two seconds for up to two minutes while payment is pending. */
export function RefreshWhilePending() {
  const router = useRouter();
  useEffect(() => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
      if (ticks > 60) clearInterval(timer);
      router.refresh();
    }, 2000);
    return () => clearInterval(timer);
  }, [router]);
  return null;
}
