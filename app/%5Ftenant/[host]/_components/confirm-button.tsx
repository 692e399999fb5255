"use client";

import { useId, useRef } from "react";
import { useHydrated } from "./use-hydrated";

type Props = {
  /** The button that opens the question (it does nothing by itself). */
  children: React.ReactNode;
  className: string;
  /** The question, in words that name what will happen and to what. */
  question: string;
  /** What confirming does, on the dialog's confirm button ("Suspend store"). */
  confirmLabel: string;
  onConfirm: () => void | Promise<unknown>;
};

/**
 * A destructive action behind a confirmation: a native modal <dialog>, so focus moves into it and
 * is kept there, Escape cancels, and screen readers announce it with its question. Cancel is the
 * first button (and so takes focus): a stray Enter never confirms.
 */
export function ConfirmButton({ children, className, question, confirmLabel, onConfirm }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const questionId = useId();
  const hydrated = useHydrated();
  return (
    <>
      <button type="button" className={className} disabled={!hydrated} onClick={() => dialog.current?.showModal()}>
        {children}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={questionId}
        className="m-auto max-w-sm rounded-lg border border-stone-300 bg-white p-6 text-stone-900 shadow-xl backdrop:bg-stone-900/50"
      >
        <p id={questionId} className="mb-4 font-medium">
          {question}
        </p>
        <div className="flex justify-end gap-2">
          <button
            type="button"
            className="rounded-md border border-stone-300 px-4 py-2 text-sm"
            onClick={() => dialog.current?.close()}
          >
            Cancel
          </button>
          <button
            type="button"
            className="rounded-md bg-rose-700 px-4 py-2 text-sm font-semibold text-white"
            onClick={() => {
              dialog.current?.close();
              void onConfirm();
            }}
          >
            {confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
