/** Settings that apply live in open tabs (content scripts watch storage.onChanged). */
import {
  CARD_LANGUAGES,
  MARK_STYLES,
  MAX_HOVER_DELAY_MS,
  MIN_HOVER_DELAY_MS,
  withEntity,
  type CardLanguage,
  type MarkStyle,
  type Settings,
} from '../../shared/settings.ts';
import type { MessageKey, PopupConnector } from '../connector.ts';
import type { EntityName } from '../dataset-summary.ts';
import { formatNumber } from '../i18n.ts';
import { Shortcuts } from './shortcuts.tsx';
import { Switch } from './switch.tsx';

/** 50 ms steps: finer differences cannot be felt, and arrow keys stay quick. */
const DELAY_STEP_MS = 50;
/** The slider stops at 2 s; longer stored values (up to the model's maximum) still show. */
const DELAY_SLIDER_MAX_MS = 2000;

const LANGUAGE_LABELS: Readonly<Record<CardLanguage, MessageKey>> = {
  auto: 'popupLanguageAuto',
  en: 'popupLanguageEn',
  de: 'popupLanguageDe',
};
const STYLE_LABELS: Readonly<Record<MarkStyle, MessageKey>> = {
  underline: 'popupMarkUnderline',
  background: 'popupMarkBackground',
  none: 'popupMarkNone',
};

export interface SettingsPanelProps {
  readonly c: PopupConnector;
  readonly settings: Settings;
  readonly names: readonly EntityName[];
  readonly onChange: (change: (s: Settings) => Settings) => void;
}

export function SettingsPanel({ c, settings, names, onChange }: SettingsPanelProps) {
  const sliderMax = Math.min(MAX_HOVER_DELAY_MS, Math.max(DELAY_SLIDER_MAX_MS, settings.hoverDelayMs));
  return (
    <div class="settings" data-testid="settings">
      <div class="field">
        <label for="card-language">{c.msg('popupCardLanguage')}</label>
        <select
          id="card-language"
          value={settings.language}
          onChange={(e) => {
            const language = e.currentTarget.value as CardLanguage;
            onChange((s) => ({ ...s, language }));
          }}
        >
          {CARD_LANGUAGES.map((l) => (
            <option key={l} value={l} lang={l === 'auto' ? undefined : l}>
              {c.msg(LANGUAGE_LABELS[l])}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="mark-style">{c.msg('popupMarkStyle')}</label>
        <select
          id="mark-style"
          value={settings.markStyle}
          onChange={(e) => {
            const markStyle = e.currentTarget.value as MarkStyle;
            onChange((s) => ({ ...s, markStyle }));
          }}
        >
          {MARK_STYLES.map((m) => (
            <option key={m} value={m}>
              {c.msg(STYLE_LABELS[m])}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="hover-delay">{c.msg('popupHoverDelay')}</label>
        <span class="range">
          <input
            id="hover-delay"
            type="range"
            min={MIN_HOVER_DELAY_MS}
            max={sliderMax}
            step={DELAY_STEP_MS}
            value={settings.hoverDelayMs}
            aria-valuetext={c.msg('popupMilliseconds', [formatNumber(c, settings.hoverDelayMs)])}
            // change, not input: one write when the user lets go, not one per pixel.
            onChange={(e) => {
              const hoverDelayMs = Number(e.currentTarget.value);
              onChange((s) => ({ ...s, hoverDelayMs }));
            }}
          />
          <output for="hover-delay">{c.msg('popupMilliseconds', [formatNumber(c, settings.hoverDelayMs)])}</output>
        </span>
      </div>
      <fieldset class="entities">
        <legend>{c.msg('popupEntities')}</legend>
        {names.map(({ id, name }) => (
          <label key={id} class="check">
            <input
              type="checkbox"
              data-entity={id}
              checked={!settings.hiddenEntities.includes(id)}
              onChange={(e) => {
                const marked = e.currentTarget.checked;
                onChange((s) => withEntity(s, id, marked));
              }}
            />
            {name}
          </label>
        ))}
      </fieldset>
      <Switch
        id="first-only"
        testId="first-only"
        label={c.msg('popupFirstOnly')}
        hint={c.msg('popupFirstOnlyHint')}
        checked={settings.firstMentionOnly}
        onChange={(firstMentionOnly) => onChange((s) => ({ ...s, firstMentionOnly }))}
      />
      <Switch
        id="history-switch"
        testId="history-switch"
        label={c.msg('popupHistorySetting')}
        hint={c.msg('popupHistorySettingHint')}
        checked={settings.history}
        onChange={(history) => onChange((s) => ({ ...s, history }))}
      />
      <Shortcuts c={c} />
    </div>
  );
}
