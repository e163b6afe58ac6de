/** Submitting a form to the API: busy state, the problem's detail as an alert, focus on the field it names. */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../lib/api';

export function useSubmit<T>(action: (data: FormData) => Promise<T>, onDone?: (result: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setBusy(true);
    setError(null);
    try {
      const result = await action(new FormData(form));
      onDone?.(result);
    } catch (e) {
      const problem = e instanceof ApiError ? e.problem : null;
      setError(problem ? problem.detail ?? problem.title : String(e));
      const field = problem?.parameter ? form.elements.namedItem(problem.parameter) : null;
      if (field instanceof HTMLElement) field.focus();
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, onSubmit };
}

export function FormError({ error }: { error: string | null }) {
  return error ? <p className="notice error" role="alert">{error}</p> : null;
}

export const field = (data: FormData, name: string) => String(data.get(name) ?? '').trim();
