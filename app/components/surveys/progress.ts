import { useCallback, useEffect, useState, type RefObject } from "react";

type Saved = Record<string, string[]>;

function read(key: string): Saved | null {
  try {
    const raw = window.localStorage.getItem(key);
    const value = raw ? (JSON.parse(raw) as unknown) : null;
    return value && typeof value === "object" ? (value as Saved) : null;
  } catch {
    return null;
  }
}

/**
 * Keeps unfinished answers in this browser's localStorage only (never on the server): restores
 * them into the form on load, saves on every change, and forgets them on request.
 */
export function useSurveyProgress(formRef: RefObject<HTMLFormElement>, key: string, itemIds: string[]) {
  const [restored, setRestored] = useState(false);
  // How many questions have an answer, for the "12 / 40" the respondent sees while answering.
  const [answered, setAnswered] = useState(0);
  const count = useCallback(
    (data: FormData) => setAnswered(itemIds.filter((id) => data.getAll(id).some((v) => String(v).trim() !== "")).length),
    [itemIds],
  );

  useEffect(() => {
    const form = formRef.current;
    const saved = read(key);
    if (!form || !saved) return;
    let any = false;
    for (const element of Array.from(form.elements)) {
      if (element instanceof HTMLInputElement && (element.type === "radio" || element.type === "checkbox")) {
        const checked = saved[element.name]?.includes(element.value) ?? false;
        element.checked = checked;
        any ||= checked;
      } else if (element instanceof HTMLTextAreaElement && saved[element.name]?.[0]) {
        element.value = saved[element.name][0];
        any = true;
      }
    }
    setRestored(any);
    count(new FormData(form));
  }, [formRef, key, count]);

  const save = useCallback(() => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    count(data);
    const saved: Saved = {};
    for (const name of new Set(data.keys())) {
      const values = data.getAll(name).map(String).filter(Boolean);
      if (values.length) saved[name] = values;
    }
    try {
      window.localStorage.setItem(key, JSON.stringify(saved));
    } catch {
      // storage full or disabled: answering still works, only the resume does not
    }
  }, [formRef, key, count]);

  const discard = useCallback(() => {
    window.localStorage.removeItem(key);
    formRef.current?.reset();
    setRestored(false);
    setAnswered(0);
  }, [formRef, key]);

  return { restored, answered, save, discard };
}

/** Forgets saved progress (after a successful submission). */
export function forgetProgress(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to forget
  }
}
