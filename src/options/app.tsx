/**
 * The options page: the story packs (the bundled one first), each with its switch, Read the
 * source, Export and Remove (with Undo); and the import of a pack file by file input or drop.
 * A refused file changes nothing and says why in an alert, every error with its JSON path.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { AliasConflict } from '../dataset/library.ts';
import type { DatasetError } from '../dataset/errors.ts';
import { PACK_LIMITS } from '../dataset/limits.ts';
import type { ImportRequest, PackInfo } from '../shared/packs.ts';
import type { OptionsConnector } from './connector.ts';
import { titleIn } from './format.ts';
import { PackItem } from './pack-item.tsx';

type Alert =
  | { readonly kind: 'errors'; readonly errors: readonly DatasetError[] }
  | { readonly kind: 'text'; readonly text: string };

interface Pending {
  readonly text: string;
  readonly conflicts: readonly AliasConflict[];
}

interface Status {
  readonly text: string;
  /** What Undo puts back. */
  readonly undo?: { readonly pack: PackInfo; readonly text: string };
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function App({ connector }: { readonly connector: OptionsConnector }) {
  const { msg, uiLanguage } = connector;
  const [packs, setPacks] = useState<readonly PackInfo[] | null>(null);
  const [alert, setAlert] = useState<Alert | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [status, setStatus] = useState<Status | null>(null);
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  /** After Undo the button is gone: focus goes to the restored pack's switch. */
  const [focusPack, setFocusPack] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const undoButton = useRef<HTMLButtonElement>(null);

  const refresh = async (): Promise<readonly PackInfo[]> => {
    const list = await connector.list();
    setPacks(list);
    return list;
  };

  useEffect(() => {
    refresh().catch((error: unknown) => setAlert({ kind: 'text', text: msg('optionsFailed', [reason(error)]) }));
  }, []);

  useEffect(() => {
    if (status?.undo) undoButton.current?.focus();
  }, [status]);

  useEffect(() => {
    if (focusPack === null) return;
    document.getElementById(`pack-${focusPack}-switch`)?.focus();
    setFocusPack(null);
  }, [focusPack, packs]);

  const titleOf = (id: string, list: readonly PackInfo[] | null = packs): string => {
    const pack = list?.find((p) => p.id === id);
    return pack ? titleIn(pack.title, uiLanguage) : id;
  };

  /** Runs one change at a time; a failure becomes an alert, never an exception. */
  const act = async (work: () => Promise<void>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setAlert({ kind: 'text', text: msg('optionsFailed', [reason(error)]) });
    } finally {
      setBusy(false);
    }
  };

  const importText = (request: ImportRequest): Promise<void> =>
    act(async () => {
      const outcome = await connector.importPack(request);
      if (outcome.status === 'invalid') {
        setPending(null);
        setAlert({ kind: 'errors', errors: outcome.errors });
        return;
      }
      if (outcome.status === 'conflicts') {
        setAlert(null);
        setPending({ text: request.text, conflicts: outcome.conflicts });
        return;
      }
      setAlert(null);
      setPending(null);
      const title = titleOf(outcome.id, await refresh());
      setStatus({ text: msg(outcome.replaced ? 'optionsReplaced' : 'optionsImported', [title]) });
    });

  const importFile = async (file: File | undefined): Promise<void> => {
    if (file === undefined) return;
    setStatus(null);
    if (file.size > PACK_LIMITS.maxBytes) {
      setPending(null);
      setAlert({ kind: 'text', text: msg('optionsTooLarge') });
      return;
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      setAlert({ kind: 'text', text: msg('optionsUnreadable') });
      return;
    }
    await importText({ text, confirm: false });
  };

  const toggle = (pack: PackInfo, enabled: boolean): Promise<void> =>
    act(async () => {
      await connector.setEnabled(pack.id, enabled);
      await refresh();
    });

  const remove = (pack: PackInfo): Promise<void> =>
    act(async () => {
      // The file first: Undo imports it again (an export is never larger than what was accepted).
      const text = await connector.packText(pack.id);
      if (text === null) return;
      const title = titleIn(pack.title, uiLanguage);
      try {
        // All or nothing in the background: a failed remove leaves the pack on the list, as it was.
        if (!(await connector.remove(pack.id))) return;
      } catch (error) {
        setStatus(null);
        setAlert({ kind: 'text', text: msg('optionsRemoveFailed', [title, reason(error)]) });
        await refresh();
        return;
      }
      await refresh();
      setAlert(null);
      setStatus({ text: msg('optionsRemoved', [title]), undo: { pack, text } });
    });

  const undo = (saved: NonNullable<Status['undo']>): Promise<void> =>
    act(async () => {
      const restore = { enabled: saved.pack.enabled, importedAt: saved.pack.importedAt ?? Date.now() };
      const outcome = await connector.importPack({ text: saved.text, confirm: true, restore });
      await refresh();
      if (outcome.status === 'imported') {
        setStatus({ text: msg('optionsRestored', [titleIn(saved.pack.title, uiLanguage)]) });
        setFocusPack(outcome.id);
      } else {
        setStatus(null);
        setAlert(outcome.status === 'invalid' ? { kind: 'errors', errors: outcome.errors } : null);
      }
    });

  const exportPack = (pack: PackInfo): Promise<void> =>
    act(async () => {
      const text = await connector.packText(pack.id);
      if (text !== null) connector.download(`${pack.id}.pack.json`, text);
    });

  return (
    <main>
      <h1>{msg('optionsTitle')}</h1>
      <p class="intro">{msg('optionsIntro')}</p>

      <div class="messages">
        {/* Always present, so that a screen reader announces what is put in it. */}
        <div role="alert" class="alert" data-testid="alert" hidden={alert === null}>
          {alert?.kind === 'text' && <p>{alert.text}</p>}
          {alert?.kind === 'errors' && (
            <>
              <p>{msg('optionsInvalidTitle')}</p>
              <ul class="errors">
                {alert.errors.map((e, i) => (
                  <li key={i}>
                    <code>{e.path}</code>: {e.message}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
        <div role="status" class="status" data-testid="status">
          {status !== null && (
            <p>
              {status.text}
              {status.undo !== undefined && (
                <>
                  {' '}
                  <button
                    ref={undoButton}
                    type="button"
                    class="button"
                    data-action="undo"
                    disabled={busy}
                    onClick={() => status.undo && void undo(status.undo)}
                  >
                    {msg('optionsUndo')}
                  </button>
                </>
              )}
            </p>
          )}
        </div>
      </div>

      {pending !== null && (
        <section class="conflict" aria-labelledby="conflict-title" data-testid="conflict">
          <h2 id="conflict-title">{msg('optionsConflictTitle')}</h2>
          <ul>
            {pending.conflicts.slice(0, 20).map((c, i) => (
              <li key={i}>
                {msg('optionsConflictLine', [
                  c.alias,
                  c.entityName,
                  c.otherName,
                  c.otherPacks.map((id) => titleOf(id)).join('”, “'),
                ])}
              </li>
            ))}
          </ul>
          <p>{msg('optionsConflictQuestion')}</p>
          <div class="pack-actions">
            <button
              type="button"
              class="button primary"
              data-action="import-anyway"
              disabled={busy}
              onClick={() => void importText({ text: pending.text, confirm: true })}
            >
              {msg('optionsConflictImport')}
            </button>
            <button type="button" class="button" data-action="cancel-import" onClick={() => setPending(null)}>
              {msg('optionsConflictCancel')}
            </button>
          </div>
        </section>
      )}

      <section aria-labelledby="import-title">
        <h2 id="import-title">{msg('optionsHeadingImport')}</h2>
        <p class="hint">{msg('optionsImportHint')}</p>
        <div
          class={`drop-zone${dragging ? ' dragging' : ''}`}
          data-testid="drop-zone"
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={(e) => {
            e.preventDefault();
            setDragging(false);
            void importFile(e.dataTransfer?.files[0]);
          }}
        >
          <label class="button primary file-button" for="pack-file">
            {msg('optionsChooseFile')}
          </label>
          <input
            ref={fileInput}
            id="pack-file"
            class="file-input"
            type="file"
            accept=".json,application/json"
            disabled={busy}
            data-testid="pack-file"
            onChange={(e) => {
              const input = e.currentTarget;
              void importFile(input.files?.[0]).finally(() => {
                input.value = '';
              });
            }}
          />
          <span class="drop-hint">{msg('optionsDropZone')}</span>
        </div>
      </section>

      <section aria-labelledby="packs-title">
        <h2 id="packs-title">{msg('optionsHeadingPacks')}</h2>
        <ul class="packs" data-testid="packs" aria-busy={packs === null}>
          {(packs ?? []).map((pack) => (
            <PackItem
              key={pack.id}
              pack={pack}
              connector={connector}
              busy={busy}
              onToggle={(p, on) => void toggle(p, on)}
              onRemove={(p) => void remove(p)}
              onExport={(p) => void exportPack(p)}
            />
          ))}
        </ul>
      </section>
    </main>
  );
}
