import type { ActionState } from "@/lib/security/action-state";

export function ActionMessage({ state }: { state: ActionState }) {
  if (state.status === "idle") return null;
  return (
    <p
      role={state.status === "error" ? "alert" : "status"}
      className={`w-full text-sm ${state.status === "error" ? "text-rose-700" : "text-emerald-700"}`}
    >
      {state.message}
    </p>
  );
}
