"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { describeError, type ApiResult } from "../../../_components/api-client";
import type { StatusMessageValue } from "../../../_components/status-message";

/** Runs a console API call, shows its outcome, and re-renders the page's data when it worked. */
export function useRun() {
  const router = useRouter();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  async function run(work: Promise<ApiResult>, success: string): Promise<boolean> {
    const result = await work;
    setMessage(result.ok ? { kind: "ok", text: success } : { kind: "error", text: describeError(result) });
    if (result.ok) router.refresh();
    return result.ok;
  }
  return { message, run };
}
