/** A labelled on/off switch: a real button with role="switch", so Space and Enter both work. */
import type { ComponentChildren } from 'preact';

export interface SwitchProps {
  readonly id: string;
  readonly label: ComponentChildren;
  readonly hint?: ComponentChildren;
  readonly checked: boolean;
  readonly disabled?: boolean;
  readonly testId?: string;
  readonly onChange: (checked: boolean) => void;
}

export function Switch({ id, label, hint, checked, disabled = false, testId, onChange }: SwitchProps) {
  return (
    <div class="row">
      <span class="row-text">
        {/* A label for a button forwards clicks to it, so the whole text is a target. */}
        <label class="row-label" for={id}>
          {label}
        </label>
        {hint !== undefined && (
          <span class="row-hint" id={`${id}-hint`}>
            {hint}
          </span>
        )}
      </span>
      <button
        type="button"
        role="switch"
        class="switch"
        id={id}
        aria-checked={checked}
        aria-describedby={hint !== undefined ? `${id}-hint` : undefined}
        disabled={disabled}
        data-testid={testId}
        onClick={() => onChange(!checked)}
      >
        <span class="knob" aria-hidden="true" />
      </button>
    </div>
  );
}
