import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from "@conform-to/react";
import { useNavigation, type Navigation } from "@remix-run/react";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useT } from "./i18n";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const t = useT();
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((e) => (
        <li key={e}>{t(e)}</li>
      ))}
    </ul>
  );
}

type InputType = "text" | "email" | "password" | "number" | "date" | "datetime-local" | "search" | "url" | "tel";

/** A labelled input whose errors are translated and tied to it for screen readers. */
export function Field({
  meta,
  label,
  type = "text",
  hint,
  autoComplete,
  ...rest
}: {
  meta: FieldMetadata<unknown>;
  label: string;
  type?: InputType;
  hint?: string;
  autoComplete?: string;
  step?: string;
  min?: number | string;
  max?: number | string;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <input
        {...getInputProps(meta as FieldMetadata<string>, { type, ariaDescribedBy: hint ? `${meta.id}-hint` : undefined })}
        autoComplete={autoComplete}
        {...rest}
      />
      {hint ? (
        <small id={`${meta.id}-hint`} className="hint">
          {hint}
        </small>
      ) : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function TextAreaField({
  meta,
  label,
  hint,
  rows = 5,
}: {
  meta: FieldMetadata<unknown>;
  label: string;
  hint?: string;
  rows?: number;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <textarea {...getTextareaProps(meta as FieldMetadata<string>)} rows={rows} />
      {hint ? <small className="hint">{hint}</small> : null}
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function SelectField({
  meta,
  label,
  options,
  placeholder,
}: {
  meta: FieldMetadata<unknown>;
  label: string;
  options: { value: string; label: string }[];
  placeholder?: string;
}) {
  return (
    <div className="field">
      <label htmlFor={meta.id}>{label}</label>
      <select {...getSelectProps(meta as FieldMetadata<string>)}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export function FormErrors({ errors }: { errors?: string[] | null }) {
  return <ErrorList errors={errors} />;
}

export function PageHeader({ title, actions, children }: { title: string; actions?: ReactNode; children?: ReactNode }) {
  return (
    <header className="page-header">
      <div>
        <h1>{title}</h1>
        {children}
      </div>
      {actions ? <div className="page-actions">{actions}</div> : null}
    </header>
  );
}

/** A submit button that asks for confirmation first (destructive actions ask twice). */
export function ConfirmButton({
  children,
  confirm,
  name,
  value,
  className = "danger",
}: {
  children: ReactNode;
  confirm: string;
  name?: string;
  value?: string;
  className?: string;
}) {
  return (
    <button
      type="submit"
      name={name}
      value={value}
      className={className}
      onClick={(event) => {
        if (!window.confirm(confirm)) event.preventDefault();
      }}
    >
      {children}
    </button>
  );
}

/** Where a submit button's form is sent, and the intent that tells it from other forms sent there. */
type Target = { path: string; intent: [string, string] | null };

function targetOf(button: HTMLButtonElement): Target | null {
  const form = button.form;
  if (!form) return null;
  const field = form.elements.namedItem("intent");
  const intent: [string, string] | null = button.name
    ? [button.name, button.value]
    : field instanceof HTMLInputElement
      ? [field.name, field.value]
      : null;
  return { path: new URL(button.formAction || form.action, window.location.href).pathname, intent };
}

/** Whether the navigation under way is this button's form being sent (several forms may post to one action). */
function sentTo(target: Target | null, navigation: Navigation) {
  if (!target || navigation.state !== "submitting" || !navigation.formAction) return false;
  if (new URL(navigation.formAction, window.location.href).pathname !== target.path) return false;
  return !target.intent || navigation.formData?.get(target.intent[0]) === target.intent[1];
}

/**
 * A form's submit button that shows it is working: while its form is being sent it is disabled
 * and says "提交中…", so the click is seen to be taken and is not sent twice. `busy` covers a
 * form sent by script (an anonymous answer or suggestion).
 */
export function SubmitButton({
  children,
  className = "primary",
  name,
  value,
  busy = false,
  disabled = false,
  testId,
}: {
  children: ReactNode;
  className?: string;
  name?: string;
  value?: string;
  busy?: boolean;
  disabled?: boolean;
  testId?: string;
}) {
  const t = useT();
  const navigation = useNavigation();
  const ref = useRef<HTMLButtonElement>(null);
  const [target, setTarget] = useState<Target | null>(null);
  useEffect(() => setTarget(ref.current ? targetOf(ref.current) : null), [name, value]);
  const working = busy || sentTo(target, navigation);
  return (
    <button
      ref={ref}
      type="submit"
      name={name}
      value={value}
      className={className || undefined}
      disabled={disabled || working}
      aria-busy={working || undefined}
      data-testid={testId}
    >
      {working ? t("common.working") : children}
    </button>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <p className="empty-state">{children}</p>;
}
