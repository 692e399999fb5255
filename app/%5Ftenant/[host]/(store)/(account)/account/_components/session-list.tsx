"use client";

import { useActionState } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { endOtherSessionsAction, endSessionAction } from "../actions";
import { ActionMessage } from "./action-message";

type SessionRow = { id: string; device: string; ip: string; createdAt: string; lastSeenAt: string; current: boolean };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function SessionList({ sessions }: { sessions: SessionRow[] }) {
  const [endState, endAction, endPending] = useActionState(endSessionAction, IDLE_STATE);
  const [othersState, othersAction, othersPending] = useActionState(endOtherSessionsAction, IDLE_STATE);
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-stone-200" data-testid="session-list">
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div>
              <p className="font-medium">
                {session.device}
                {session.current ? (
                  <span className="ml-2 rounded bg-emerald-100 px-2 py-0.5 text-xs text-emerald-800">This device</span>
                ) : null}
              </p>
              <p className="text-sm text-stone-600">
                Last active {dateFormat.format(new Date(session.lastSeenAt))} UTC{session.ip ? ` · ${session.ip}` : ""}
              </p>
            </div>
            {!session.current ? (
              <form action={endAction}>
                <input type="hidden" name="sessionId" value={session.id} />
                <button
                  type="submit"
                  disabled={endPending}
                  className="rounded-md border border-stone-300 px-3 py-1 text-sm hover:border-rose-600"
                >
                  Sign out this session
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
      <ActionMessage state={endState} />
      {others > 0 ? (
        <form action={othersAction}>
          <button
            type="submit"
            disabled={othersPending}
            className="rounded-md border border-rose-300 px-4 py-2 text-sm font-medium text-rose-800 hover:border-rose-600"
          >
            Sign out everywhere else
          </button>
        </form>
      ) : null}
      <ActionMessage state={othersState} />
    </div>
  );
}
