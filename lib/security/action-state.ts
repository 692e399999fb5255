// Shared by server actions and the client forms that render their state.
export type ActionState<T = undefined> =
  | { status: "idle" }
  | { status: "success"; message: string; data?: T }
  | { status: "error"; message: string; fieldErrors?: Record<string, string[]> };

export const IDLE_STATE: ActionState<never> = { status: "idle" };
