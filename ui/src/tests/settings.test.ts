import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import Settings from '../lib/components/Settings.svelte';
import BackupPanel from '../lib/components/BackupPanel.svelte';
import PublishingPanel from '../lib/components/PublishingPanel.svelte';
import { NOTICE_KEY } from '../lib/notice';
import { checkDraft, rowOfMessage, type ScaleDraft } from '../lib/components/ScaleEditor.svelte';
import { nameRowOf, namesOf } from '../lib/components/RatingNames.svelte';
import { SCALE, fakeBackend, makeClaim } from './fakeBackend';
import type { BackupDone, RestoreDone, RatingName, RatingScale, RatingScaleInput } from '../lib/api/types';

const PLAIN: RatingScale = {
  uuid: 'scale-plain',
  name: 'Plain language',
  description: 'Correct, Missing context, Misleading, False, and Unproven.',
  best_rating: 4,
  worst_rating: 1,
  preset: true,
  ratings: [
    { key: 'correct', label: 'Correct', description: 'The claim is accurate.', color: '#1b7f3b', value: 4, alternate_name: 'Correct' },
    { key: 'missing_context', label: 'Missing context', description: 'Leaves out what matters.', color: '#c9a227', value: 3, alternate_name: 'Missing context' },
    { key: 'false', label: 'False', description: 'Not accurate.', color: '#c23b22', value: 1, alternate_name: 'False' },
    { key: 'unproven', label: 'Unproven', description: 'Not settled.', color: '#6b7280', value: null, alternate_name: 'Unproven' },
  ],
};

/** A fake backend whose scales can be switched and added, as the real one does. */
function scaleBackend() {
  const backend = fakeBackend([makeClaim()]);
  const scales: RatingScale[] = [PLAIN, { ...SCALE }];
  let current = SCALE.uuid;
  backend.on('list_scales', () => scales);
  backend.on('rating_scale', () => scales.find((s) => s.uuid === current));
  backend.on('set_rating_scale', (args) => {
    const s = scales.find((x) => x.uuid === (args as { uuid: string }).uuid);
    if (!s) throw { kind: 'NotFound', message: 'No such rating scale.', field: null };
    current = s.uuid;
    return s;
  });
  backend.on('create_scale', (args) => {
    const input = (args as { input: RatingScaleInput }).input;
    if (scales.some((s) => s.name.toLowerCase() === input.name.toLowerCase())) {
      throw { kind: 'Validation', message: `There is already a scale called “${input.name}”.`, field: 'name' };
    }
    const s: RatingScale = {
      uuid: `scale-${scales.length + 1}`,
      name: input.name,
      description: input.description,
      best_rating: input.best_rating ?? null,
      worst_rating: input.worst_rating ?? null,
      preset: false,
      ratings: input.ratings.map((r) => ({ ...r, key: r.label.toLowerCase(), value: r.value ?? null, alternate_name: r.alternate_name || r.label })),
    };
    scales.push(s);
    return s;
  });
  return backend;
}

/** The chooser has the scales (the one in use shows before they arrive). */
const scalesListed = () => screen.findByRole('option', { name: 'Plain language' });

function renderSettings(scale: RatingScale | null = SCALE) {
  const onscale = vi.fn();
  render(Settings, { actor: 'tester', onactor: vi.fn(), onclose: vi.fn(), scale, onscale });
  return { onscale };
}

const draft = (over: Partial<ScaleDraft> = {}): ScaleDraft => ({
  name: 'Desk five',
  description: '',
  best: '',
  worst: '',
  rows: [
    { key: 1, label: 'Right', description: '', color: '#1b7f3b', value: '2', alternate_name: '' },
    { key: 2, label: 'Wrong', description: '', color: '#c23b22', value: '1', alternate_name: '' },
  ],
  ...over,
});

describe('scale editor checks', () => {
  it('accepts a good draft and derives best and worst from the values', () => {
    const { input, problems } = checkDraft(draft());
    expect(problems).toEqual({ rows: {} });
    expect(input).toEqual({
      name: 'Desk five',
      description: '',
      best_rating: 2,
      worst_rating: 1,
      ratings: [
        { key: '', label: 'Right', description: '', color: '#1b7f3b', value: 2, alternate_name: '' },
        { key: '', label: 'Wrong', description: '', color: '#c23b22', value: 1, alternate_name: '' },
      ],
    });
  });

  it('leaves best and worst empty when no rating has a value', () => {
    const rows = draft().rows.map((r) => ({ ...r, value: '' }));
    expect(checkDraft(draft({ rows })).input).toMatchObject({ best_rating: null, worst_rating: null });
  });

  it('names each problem where it is', () => {
    const d = draft({
      name: '  ',
      best: '5',
      worst: '',
      rows: [
        { key: 1, label: 'Right', description: '', color: '#1b7f3b', value: 'two', alternate_name: '' },
        { key: 2, label: 'right', description: '', color: 'green', value: '', alternate_name: '' },
        { key: 3, label: '', description: '', color: '#000000', value: '', alternate_name: '' },
      ],
    });
    const { input, problems } = checkDraft(d);
    expect(input).toBeNull();
    expect(problems.name).toBe('The scale needs a name.');
    expect(problems.best_rating).toBe('Give both the best and the worst value, or neither.');
    expect(problems.rows[1]).toBe('The value must be a whole number, e.g. 5.');
    expect(problems.rows[2]).toBe('“right” is on the scale twice: every rating must be different.');
    expect(problems.rows[3]).toBe('Rating 3 needs a label.');
  });

  it('refuses fewer than two ratings, equal ends, equal values and values outside the range', () => {
    expect(checkDraft(draft({ rows: draft().rows.slice(0, 1) })).problems.ratings).toBe('A scale needs at least two ratings.');
    expect(checkDraft(draft({ best: '3', worst: '3' })).problems.best_rating).toBe('The best and worst values must differ.');
    const same = draft().rows.map((r) => ({ ...r, value: '1' }));
    expect(checkDraft(draft({ rows: same })).problems.rows[2]).toBe('“Right” already has the value 1.');
    expect(checkDraft(draft({ best: '10', worst: '5' })).problems.rows).toEqual({ 1: 'The value 2 is outside 5 to 10.', 2: 'The value 1 is outside 5 to 10.' });
  });

  it('finds the row a backend message is about', () => {
    const rows = draft().rows;
    expect(rowOfMessage('Rating 2 has no label.', rows)?.key).toBe(2);
    expect(rowOfMessage('Rating “wrong”: the colour must look like #1b7f3b.', rows)?.key).toBe(2);
    expect(rowOfMessage('A scale has from 2 to 20 ratings; this one has 1.', rows)).toBeUndefined();
  });
});

describe('rating scale settings', () => {
  it('shows the scale in use with its ratings and ClaimReview mapping', async () => {
    scaleBackend();
    renderSettings();
    const current = await screen.findByTestId('scale-current');
    expect(within(current).getByTestId('scale-view-name')).toHaveTextContent('Desk scale');
    const rows = within(current).getAllByTestId('scale-view-rating');
    expect(rows.map((r) => r.dataset.key)).toEqual(['true', 'misleading', 'false']);
    expect(rows[0]).toHaveTextContent('True');
    expect(rows[0]).toHaveTextContent('best');
    expect(rows[2]).toHaveTextContent('worst');
    expect(rows[1]).toHaveTextContent('3');
    expect(current).toHaveTextContent('ClaimReview best 6, worst 1');
    expect(screen.getByTestId('scale-use')).toBeDisabled();
  });

  it('previews another scale, says what happens to earlier verdicts, and switches', async () => {
    const backend = scaleBackend();
    const { onscale } = renderSettings();
    const user = userEvent.setup();
    await scalesListed();
    await user.selectOptions(screen.getByTestId('scale-choice'), 'scale-plain');
    const preview = screen.getByTestId('scale-preview');
    expect(within(preview).getAllByTestId('scale-view-rating').map((r) => r.dataset.key)).toEqual(['correct', 'missing_context', 'false', 'unproven']);
    expect(within(preview).getAllByTestId('scale-view-rating')[3]).toHaveTextContent('—');
    expect(screen.getByTestId('scale-switch-note')).toHaveTextContent('verdicts already given keep their ratings from “Desk scale”');
    expect(backend.callsOf('set_rating_scale')).toHaveLength(0);

    await user.click(screen.getByTestId('scale-use'));
    await waitFor(() => expect(onscale).toHaveBeenCalledWith(PLAIN));
    expect(backend.callsOf('set_rating_scale').map((c) => c.args)).toEqual([{ uuid: 'scale-plain' }]);
    expect(screen.getByTestId('scale-notice')).toHaveTextContent('New verdicts now use “Plain language”. Verdicts already given keep their ratings');
  });

  it('says so when the switch fails', async () => {
    const backend = scaleBackend();
    backend.on('set_rating_scale', () => {
      throw { kind: 'Storage', message: 'The workspace is read-only.', field: null };
    });
    const { onscale } = renderSettings();
    const user = userEvent.setup();
    await scalesListed();
    await user.selectOptions(screen.getByTestId('scale-choice'), 'scale-plain');
    await user.click(screen.getByTestId('scale-use'));
    expect(await screen.findByTestId('form-error')).toHaveTextContent('Could not switch the scale: The workspace is read-only.');
    expect(onscale).not.toHaveBeenCalled();
  });

  it('creates a scale of the desk’s own: add, move and remove ratings, then it is listed and previewed', async () => {
    const backend = scaleBackend();
    renderSettings();
    const user = userEvent.setup();
    await scalesListed();
    await user.click(screen.getByTestId('scale-new'));
    const editor = screen.getByTestId('scale-editor');
    expect(screen.getByTestId('scale-editor-name')).toHaveFocus();
    await user.type(screen.getByTestId('scale-editor-name'), 'Traffic lights');
    await user.click(screen.getByTestId('scale-editor-add'));
    await user.click(screen.getByTestId('scale-editor-add'));
    const labels = () => within(editor).getAllByTestId('scale-editor-label') as HTMLInputElement[];
    expect(labels()).toHaveLength(4);
    expect(labels()[3]).toHaveFocus();
    await user.type(labels()[0], 'Red');
    await user.type(labels()[1], 'Green');
    await user.type(labels()[2], 'Amber');
    await user.type(within(editor).getAllByTestId('scale-editor-value')[0], '1');
    await user.type(within(editor).getAllByTestId('scale-editor-value')[1], '3');
    await user.type(within(editor).getAllByTestId('scale-editor-value')[2], '2');
    await user.click(within(editor).getAllByTestId('scale-editor-remove')[3]);
    // Best first: Green up to the top, then Red down to the bottom.
    await user.click(screen.getByRole('button', { name: 'Move rating 2 up' }));
    await user.click(screen.getByRole('button', { name: 'Move rating 2 down' }));
    expect(labels().map((l) => l.value)).toEqual(['Green', 'Amber', 'Red']);
    await user.click(screen.getByTestId('scale-editor-save'));

    await waitFor(() => expect(screen.queryByTestId('scale-editor')).not.toBeInTheDocument());
    const sent = backend.callsOf('create_scale')[0].args as { input: RatingScaleInput };
    expect(sent.input).toMatchObject({ name: 'Traffic lights', best_rating: 3, worst_rating: 1 });
    expect(sent.input.ratings.map((r) => [r.label, r.value])).toEqual([
      ['Green', 3],
      ['Amber', 2],
      ['Red', 1],
    ]);
    const preview = await screen.findByTestId('scale-preview');
    expect(within(preview).getByTestId('scale-view-name')).toHaveTextContent('Traffic lights');
    expect(screen.getByTestId('scale-notice')).toHaveTextContent('Added “Traffic lights”.');
    expect((screen.getByTestId('scale-choice') as HTMLSelectElement).value).toBe('scale-3');
  });

  it('shows problems by field before sending, and the backend’s refusals where they belong', async () => {
    const backend = scaleBackend();
    renderSettings();
    const user = userEvent.setup();
    await scalesListed();
    await user.click(screen.getByTestId('scale-new'));
    await user.click(screen.getByTestId('scale-editor-save'));
    expect(screen.getByTestId('field-error-name')).toHaveTextContent('The scale needs a name.');
    expect(screen.getAllByTestId('scale-editor-row-error').map((e) => e.textContent)).toEqual(['Rating 1 needs a label.', 'Rating 2 needs a label.']);
    expect(screen.getByTestId('scale-editor-name')).toHaveFocus();
    expect(backend.callsOf('create_scale')).toHaveLength(0);

    // A name that is taken: under the name.
    await user.type(screen.getByTestId('scale-editor-name'), 'plain language');
    const labels = screen.getAllByTestId('scale-editor-label');
    await user.type(labels[0], 'Yes');
    await user.type(labels[1], 'No');
    await user.click(screen.getByTestId('scale-editor-save'));
    expect(await screen.findByTestId('field-error-name')).toHaveTextContent('There is already a scale called “plain language”.');
    expect(screen.queryAllByTestId('scale-editor-row-error')).toHaveLength(0);

    // A refusal about one rating: beside that rating.
    backend.on('create_scale', () => {
      throw { kind: 'Validation', message: 'Rating “No”: its key may use letters, digits and _ only.', field: 'ratings' };
    });
    await user.clear(screen.getByTestId('scale-editor-name'));
    await user.type(screen.getByTestId('scale-editor-name'), 'Yes or no');
    await user.click(screen.getByTestId('scale-editor-save'));
    const rowError = await screen.findByTestId('scale-editor-row-error');
    expect(rowError).toHaveTextContent('Rating “No”: its key may use letters, digits and _ only.');
    expect(screen.getAllByTestId('scale-editor-rating')[1]).toContainElement(rowError);
    expect(screen.getAllByTestId('scale-editor-label')[1]).toHaveFocus();
    expect(screen.queryByTestId('field-error-name')).not.toBeInTheDocument();
  });

  it('copies a preset into the editor', async () => {
    scaleBackend();
    renderSettings();
    const user = userEvent.setup();
    await scalesListed();
    await user.selectOptions(screen.getByTestId('scale-choice'), 'scale-plain');
    await user.click(screen.getByTestId('scale-copy'));
    expect(screen.getByTestId('scale-editor-name')).toHaveValue('Plain language (copy)');
    expect((screen.getAllByTestId('scale-editor-label') as HTMLInputElement[]).map((l) => l.value)).toEqual(['Correct', 'Missing context', 'False', 'Unproven']);
    expect((screen.getAllByTestId('scale-editor-value') as HTMLInputElement[]).map((l) => l.value)).toEqual(['4', '3', '1', '']);
    expect(screen.getByTestId('scale-editor-best')).toHaveValue('4');
  });

  it('in the app, the verdict form offers the ratings of the scale chosen in Settings', async () => {
    scaleBackend();
    render(App);
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(1));
    await user.click(screen.getAllByTestId('claim-row')[0]);
    const options = () => within(screen.getByTestId('verdict-rating')).getAllByRole('option').map((o) => o.textContent);
    await waitFor(() => expect(options()).toEqual(['Choose a rating…', 'True', 'Misleading', 'False']));
    await user.click(screen.getByTestId('open-settings'));
    await scalesListed();
    await user.selectOptions(screen.getByTestId('scale-choice'), 'scale-plain');
    await user.click(screen.getByTestId('scale-use'));
    await screen.findByTestId('scale-notice');
    await user.click(screen.getByTestId('settings-close'));
    await waitFor(() => expect(options()).toEqual(['Choose a rating…', 'Correct', 'Missing context', 'False', 'Unproven']));
  });
});

describe('rating names for imports', () => {
  const NAMES: RatingName[] = [
    { name: 'Pants on Fire', rating_key: 'false', position: 0 },
    { name: 'Half true', rating_key: null, position: 0.5 },
    { name: 'Engañoso', rating_key: 'misleading', position: null },
  ];

  it('checks rows before sending', () => {
    const rows = NAMES.map((n, key) => ({ key, name: n.name, rating_key: n.rating_key ?? '', position: n.position?.toString() ?? '' }));
    expect(namesOf(rows)).toEqual({ names: NAMES });
    expect(namesOf([{ key: 7, name: ' ', rating_key: 'false', position: '' }])).toEqual({ row: 7, message: 'Line 1 has no words.' });
    expect(namesOf([{ key: 7, name: 'Meh', rating_key: '', position: '' }])).toEqual({
      row: 7,
      message: '“Meh” needs a rating of the scale or a position from 0 (worst) to 1 (best).',
    });
    expect(namesOf([{ key: 7, name: 'Meh', rating_key: '', position: '1.5' }])).toMatchObject({ row: 7 });
    expect(namesOf([{ key: 7, name: 'Meh', rating_key: '', position: '0,25' }])).toEqual({ names: [{ name: 'Meh', rating_key: null, position: 0.25 }] });
    expect(nameRowOf('“Half true” (line 2) is the same words as line 1; keep one.', rows)?.key).toBe(1);
    expect(nameRowOf('“Engañoso” needs a rating key of the scale or a position', rows)?.key).toBe(2);
  });

  it('lists the table, saves an edit, and says how many imported fact-checks changed', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('rating_names', () => NAMES);
    backend.on('set_rating_names', () => 2);
    renderSettings();
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByTestId('rating-name-row')).toHaveLength(3));
    const keys = screen.getAllByTestId('rating-name-key') as HTMLSelectElement[];
    expect(keys.map((k) => k.value)).toEqual(['false', '', 'misleading']);
    expect(within(keys[0]).getAllByRole('option').map((o) => o.textContent)).toEqual(['By position only', 'True', 'Misleading', 'False']);

    await user.selectOptions(keys[1], 'misleading');
    await user.click(screen.getByTestId('rating-names-add'));
    const words = screen.getAllByTestId('rating-name-words');
    expect(words[3]).toHaveFocus();
    await user.type(words[3], 'Mostly true');
    await user.type(screen.getAllByTestId('rating-name-position')[3], '0.8');
    await user.click(screen.getAllByTestId('rating-name-remove')[0]);
    await user.click(screen.getByTestId('rating-names-save'));

    expect(await screen.findByTestId('rating-names-saved')).toHaveTextContent('Saved. 2 imported fact-checks now show another rating.');
    expect(backend.callsOf('set_rating_names').map((c) => c.args)).toEqual([
      {
        names: [
          { name: 'Half true', rating_key: 'misleading', position: 0.5 },
          { name: 'Engañoso', rating_key: 'misleading', position: null },
          { name: 'Mostly true', rating_key: null, position: 0.8 },
        ],
      },
    ]);
  });

  it('points at the line the backend refused, and sends nothing when a row is incomplete', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('rating_names', () => NAMES);
    backend.on('set_rating_names', () => {
      throw { kind: 'Validation', message: '“engañoso” (line 3) is the same words as line 1; keep one.', field: 'name' };
    });
    renderSettings();
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getAllByTestId('rating-name-row')).toHaveLength(3));
    await user.click(screen.getByTestId('rating-names-save'));
    expect(await screen.findByTestId('form-error')).toHaveTextContent('“engañoso” (line 3) is the same words as line 1; keep one.');
    const third = screen.getAllByTestId('rating-name-words')[2];
    expect(third).toHaveAttribute('aria-invalid', 'true');
    expect(third).toHaveFocus();

    await user.click(screen.getByTestId('rating-names-add'));
    await user.type(screen.getAllByTestId('rating-name-words')[3], 'Meh');
    await user.click(screen.getByTestId('rating-names-save'));
    expect(screen.getByTestId('form-error')).toHaveTextContent('“Meh” needs a rating of the scale or a position');
    expect(backend.callsOf('set_rating_names')).toHaveLength(1);
  });
});

describe('backup', () => {
  const DONE: BackupDone = { path: '/home/desk/backups/factdesk-backup-2026-11-25.factdesk', bytes: 2_400_000, claims: 3, sources: 1 };

  it('says what was backed up and where, and shows it in its folder', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('backup_workspace', () => DONE);
    backend.on('plugin:opener|reveal_item_in_dir', () => null);
    renderSettings();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('backup-start'));
    expect(await screen.findByTestId('backup-message')).toHaveTextContent(
      'Backed up 3 claims and 1 source to /home/desk/backups/factdesk-backup-2026-11-25.factdesk (2.3 MB).',
    );
    await user.click(screen.getByTestId('backup-reveal'));
    await waitFor(() => expect(backend.callsOf('plugin:opener|reveal_item_in_dir').map((c) => c.args)).toEqual([{ paths: [DONE.path] }]));
  });

  it('does nothing when the dialog is cancelled', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('backup_workspace', () => null);
    renderSettings();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('backup-start'));
    await waitFor(() => expect(backend.callsOf('backup_workspace')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('backup-start')).toBeEnabled());
    expect(screen.queryByTestId('backup-done')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('backup-panel')).queryByRole('alert')).not.toBeInTheDocument();
  });

  it('says in plain words when the backup fails', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('backup_workspace', () => {
      throw { kind: 'Conflict', message: '/w.factdesk is the open workspace: a backup cannot replace the file it copies. Choose another name.', field: null };
    });
    renderSettings();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('backup-start'));
    expect(await within(screen.getByTestId('backup-panel')).findByRole('alert')).toHaveTextContent(
      'The backup was not made: /w.factdesk is the open workspace: a backup cannot replace the file it copies.',
    );
  });
});

describe('automatic backups', () => {
  it('shows where they go and the last one, and turns them off and on', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('auto_backups', () => ({
      enabled: true,
      folder: '/home/desk/desk backups',
      kept: [
        { path: '/home/desk/desk backups/desk-2026-12-06T101500Z.factdesk', taken_at: '2026-12-06T10:15:00Z', bytes: 3_500_000 },
        { path: '/home/desk/desk backups/desk-2026-12-06T091000Z.factdesk', taken_at: '2026-12-06T09:10:00Z', bytes: 3_400_000 },
      ],
    }));
    renderSettings();
    const user = userEvent.setup();
    expect(await screen.findByTestId('auto-backup-folder')).toHaveTextContent('/home/desk/desk backups');
    expect(screen.getByTestId('auto-backup-last')).toHaveTextContent(/Last automatic backup .*2026.* \(3\.3 MB\); 2 backups kept\./);
    const box = screen.getByTestId('auto-backup-enabled');
    expect(box).toBeChecked();
    await user.click(box);
    await waitFor(() => expect(backend.callsOf('set_auto_backups').map((c) => c.args)).toEqual([{ enabled: false, folder: '/home/desk/desk backups' }]));
    await waitFor(() => expect(screen.getByTestId('auto-backup-enabled')).not.toBeChecked());
  });

  it('changes the folder through the dialog, and says so when the folder is refused', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('choose_backup_folder', () => ({ enabled: true, folder: '/media/usb/backups', kept: [] }));
    renderSettings();
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('auto-backup-choose'));
    await waitFor(() => expect(screen.getByTestId('auto-backup-folder')).toHaveTextContent('/media/usb/backups'));
    expect(screen.getByTestId('auto-backup-last')).toHaveTextContent('No automatic backup yet');
    backend.on('choose_backup_folder', () => {
      throw { kind: 'Validation', message: 'The folder /gone does not exist; create it first, or choose another.', field: 'folder' };
    });
    await user.click(screen.getByTestId('auto-backup-choose'));
    expect(await within(screen.getByTestId('backup-panel')).findByRole('alert')).toHaveTextContent('The folder /gone does not exist');
    expect(screen.getByTestId('auto-backup-folder')).toHaveTextContent('/media/usb/backups');
  });
});

describe('restore from a backup', () => {
  const RESTORED: RestoreDone = {
    backup: '/home/desk/backups/factdesk-backup-2026-11-25.factdesk',
    kept: '/home/desk/desk.factdesk.before-restore',
    backup_schema_version: 7,
    claims: 3,
    sources: 1,
  };

  it('asks first, then restores, leaves a message for the reloaded window and reloads it', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('restore_workspace', () => RESTORED);
    const onrestored = vi.fn();
    render(BackupPanel, { onrestored });
    const user = userEvent.setup();
    await user.click(screen.getByTestId('restore-start'));
    expect(screen.getByTestId('restore-confirm')).toHaveTextContent('replaces everything in this workspace');
    expect(backend.callsOf('restore_workspace')).toHaveLength(0);
    await user.click(screen.getByTestId('restore-choose'));
    await waitFor(() => expect(onrestored).toHaveBeenCalledTimes(1));
    expect(sessionStorage.getItem(NOTICE_KEY)).toBe(
      `Restored 3 claims and 1 source from ${RESTORED.backup}. The workspace as it was before is kept at ${RESTORED.kept}.`,
    );
    sessionStorage.removeItem(NOTICE_KEY);
  });

  it('does nothing when cancelled, at the question or in the dialog', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('restore_workspace', () => null);
    const onrestored = vi.fn();
    render(BackupPanel, { onrestored });
    const user = userEvent.setup();
    await user.click(screen.getByTestId('restore-start'));
    await user.click(screen.getByTestId('restore-cancel'));
    expect(screen.queryByTestId('restore-confirm')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('restore-start'));
    await user.click(screen.getByTestId('restore-choose'));
    await waitFor(() => expect(backend.callsOf('restore_workspace')).toHaveLength(1));
    await waitFor(() => expect(screen.getByTestId('restore-choose')).toBeEnabled());
    expect(onrestored).not.toHaveBeenCalled();
    expect(sessionStorage.getItem(NOTICE_KEY)).toBeNull();
  });

  it('says in plain words why a file was not restored', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('restore_workspace', () => {
      throw { kind: 'Workspace', message: '/home/desk/notes.txt is not a Factdesk workspace or backup; nothing was changed.', field: null };
    });
    const onrestored = vi.fn();
    render(BackupPanel, { onrestored });
    const user = userEvent.setup();
    await user.click(screen.getByTestId('restore-start'));
    await user.click(screen.getByTestId('restore-choose'));
    expect(await within(screen.getByTestId('backup-panel')).findByRole('alert')).toHaveTextContent(
      'Nothing was restored: /home/desk/notes.txt is not a Factdesk workspace or backup; nothing was changed.',
    );
    expect(onrestored).not.toHaveBeenCalled();
  });

  it('the reloaded window shows the message once', async () => {
    fakeBackend([makeClaim()]);
    sessionStorage.setItem(NOTICE_KEY, 'Restored 3 claims and 1 source from /b.factdesk.');
    render(App);
    expect(await screen.findByTestId('notice-banner')).toHaveTextContent('Restored 3 claims and 1 source from /b.factdesk.');
    expect(sessionStorage.getItem(NOTICE_KEY)).toBeNull();
    expect(screen.queryByTestId('error-banner')).not.toBeInTheDocument();
  });
});

describe('publishing (ClaimReview)', () => {
  it("keeps the desk's organisation with its web address and logo, and the publication address", async () => {
    const backend = fakeBackend([makeClaim()]);
    render(PublishingPanel);
    const user = userEvent.setup();
    const panel = screen.getByTestId('publishing-panel');
    await waitFor(() => expect(screen.getByTestId('publishing-desk')).toBeEnabled());
    await user.type(screen.getByTestId('publishing-desk'), 'Harbour Fact Check');
    await user.type(screen.getByTestId('publishing-desk-url'), 'https://harbour.example/');
    await user.type(screen.getByTestId('publishing-logo'), 'https://harbour.example/logo.png');
    await user.type(screen.getByTestId('publishing-url'), 'https://harbour.example/checks/');
    await user.click(screen.getByTestId('publishing-save'));
    expect(await within(panel).findByTestId('publishing-saved')).toHaveTextContent('Saved.');
    expect(backend.callsOf('set_publishing')[0].args).toEqual({
      publishing: {
        desk_name: 'Harbour Fact Check',
        desk_url: 'https://harbour.example/',
        desk_logo_url: 'https://harbour.example/logo.png',
        publication_url: 'https://harbour.example/checks/',
      },
    });
  });

  it('says next to the logo field when its address is not a web address', async () => {
    const backend = fakeBackend([makeClaim()]);
    render(PublishingPanel);
    const user = userEvent.setup();
    await waitFor(() => expect(screen.getByTestId('publishing-logo')).toBeEnabled());
    await user.type(screen.getByTestId('publishing-logo'), 'harbour.example/logo.png');
    await user.click(screen.getByTestId('publishing-save'));
    expect(await screen.findByTestId('field-error-desk_logo_url')).toHaveTextContent('Give a web address starting with https://');
    expect(screen.getByTestId('publishing-logo')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('publishing-saved')).toBeNull();
    expect(backend.callsOf('set_publishing')).toHaveLength(1);
  });
});

describe('published at (one claim)', () => {
  it('gives a published claim the address its fact-check was published at, and changes it', async () => {
    const published = makeClaim({ status: 'published', next_statuses: [] });
    const backend = fakeBackend([published]);
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('claim-row'));
    const box = await screen.findByTestId('published-at');
    await user.type(within(box).getByTestId('published-at-input'), 'desk.example/no-scheme');
    await user.click(within(box).getByTestId('published-at-save'));
    expect(await within(box).findByTestId('field-error-published_url')).toHaveTextContent('is not a web address');
    await user.clear(within(box).getByTestId('published-at-input'));
    await user.type(within(box).getByTestId('published-at-input'), 'https://desk.example/2024/03/troops');
    await user.click(within(box).getByTestId('published-at-save'));
    expect(await within(box).findByTestId('published-at-link')).toHaveTextContent('https://desk.example/2024/03/troops');
    expect(backend.callsOf('set_published_url').map((c) => c.args)).toEqual([
      { uuid: 'c-1', url: 'desk.example/no-scheme' },
      { uuid: 'c-1', url: 'https://desk.example/2024/03/troops' },
    ]);
    await user.click(within(box).getByTestId('published-at-edit'));
    expect(within(box).getByTestId('published-at-input')).toHaveValue('https://desk.example/2024/03/troops');
  });

  it('is not offered before the claim is published', async () => {
    fakeBackend([makeClaim()]);
    render(App);
    const user = userEvent.setup();
    await user.click(await screen.findByTestId('claim-row'));
    await screen.findByTestId('detail-text');
    expect(screen.queryByTestId('published-at')).toBeNull();
  });
});
