// Issue 17: Esc on a filled form asks before discarding it; single-letter shortcuts do not fire
// while a form holds unsaved input and the focus was lost to a missed click; a field's error goes
// as soon as the fix is typed.
import { describe, expect, it, vi, beforeEach } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import App from '../App.svelte';
import ClaimForm from '../lib/components/ClaimForm.svelte';
import VerdictForm from '../lib/components/VerdictForm.svelte';
import { forgetPointer, letterShortcutHeld } from '../lib/unsaved';
import { RATINGS, SCALE, fakeBackend, makeClaim } from './fakeBackend';

beforeEach(() => forgetPointer());

async function renderApp() {
  const backend = fakeBackend([
    makeClaim(),
    makeClaim({ uuid: 'c-2', text: 'A $60 billion aid package remains held up in Congress.', claimant: null, status: 'new' }),
  ]);
  render(App);
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(2));
  return backend;
}

/** A click that lands on no field: the focus goes back to the page. */
async function missedClick(on: HTMLElement) {
  await fireEvent.pointerDown(on);
  await fireEvent.mouseDown(on);
  (document.activeElement as HTMLElement | null)?.blur();
  expect(document.activeElement).toBe(document.body);
}

describe('Esc on a form', () => {
  it('closes an empty new claim at once', async () => {
    fakeBackend();
    const oncancel = vi.fn();
    render(ClaimForm, { onsaved: vi.fn(), oncancel });
    await userEvent.setup().keyboard('{Escape}');
    expect(oncancel).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('discard-confirm')).not.toBeInTheDocument();
  });

  it('closes an unchanged edit at once', async () => {
    fakeBackend();
    const oncancel = vi.fn();
    render(ClaimForm, { claim: makeClaim(), onsaved: vi.fn(), oncancel });
    await userEvent.setup().keyboard('{Escape}');
    expect(oncancel).toHaveBeenCalledTimes(1);
  });

  it('asks before discarding a filled claim: Keep editing keeps every word, Discard closes', async () => {
    fakeBackend();
    const oncancel = vi.fn();
    render(ClaimForm, { onsaved: vi.fn(), oncancel });
    const user = userEvent.setup();
    const text = screen.getByTestId('claim-text');
    await user.type(text, 'The Senate passed the bill 70 to 29.');
    await user.keyboard('{Escape}');
    expect(oncancel).not.toHaveBeenCalled();
    const ask = screen.getByTestId('discard-confirm');
    expect(ask).toHaveAttribute('role', 'alertdialog');
    expect(ask).toHaveTextContent('Discard this unsaved claim?');
    expect(within(ask).getByRole('button', { name: 'Keep editing' })).toHaveFocus();

    await user.click(within(ask).getByRole('button', { name: 'Keep editing' }));
    expect(screen.queryByTestId('discard-confirm')).not.toBeInTheDocument();
    expect(text).toHaveValue('The Senate passed the bill 70 to 29.');
    expect(text).toHaveFocus();

    // Esc in the question keeps editing too.
    await user.keyboard('{Escape}');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('discard-confirm')).not.toBeInTheDocument();
    expect(oncancel).not.toHaveBeenCalled();

    await user.keyboard('{Escape}');
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(oncancel).toHaveBeenCalledTimes(1);
  });

  it('asks on the Claims screen too when the focus was lost from the filled form', async () => {
    await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getByTestId('new-claim'));
    await user.type(await screen.findByTestId('claim-text'), 'Unemployment fell to 4 percent.');
    await missedClick(screen.getByTestId('claim-form'));
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('discard-confirm')).toHaveTextContent('Discard this unsaved claim?');
    expect(screen.getByTestId('claim-form')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(screen.queryByTestId('claim-form')).not.toBeInTheDocument());
  });

  it('asks before resetting a typed verdict', async () => {
    fakeBackend();
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current: null, locked: false, onsaved: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('verdict-rationale'), 'The figures say otherwise.');
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('discard-confirm')).toHaveTextContent('Discard this unsaved verdict?');
    await user.click(screen.getByRole('button', { name: 'Discard' }));
    expect(screen.getByTestId('verdict-rationale')).toHaveValue('');
  });

  it('a correction not touched since it was filled in from the published verdict is not unsaved', async () => {
    fakeBackend();
    const current = { uuid: 'v-1', rating: RATINGS[0], rationale: 'Matches the record.', author: 'alex', created_at: '', superseded_at: null };
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current, locked: true, onsaved: vi.fn() });
    expect(screen.getByTestId('verdict-form')).not.toHaveAttribute('data-unsaved');
    screen.getByTestId('verdict-rationale').focus();
    await userEvent.setup().keyboard('{Escape}');
    expect(screen.queryByTestId('discard-confirm')).not.toBeInTheDocument();
    expect(screen.getByTestId('verdict-rationale')).toHaveValue('Matches the record.');
  });
});

describe('single-letter shortcuts and unsaved input', () => {
  it('j does not move away from a typed verdict after a click that missed every field', async () => {
    await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send'));
    await user.type(screen.getByTestId('verdict-rationale'), 'The Pentagon said so on 27 February.');
    await missedClick(screen.getByTestId('verdict-form'));
    for (const key of ['j', 'k', 'n', 'e', '?']) await user.keyboard(key);
    expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send');
    expect(screen.getByTestId('verdict-rationale')).toHaveValue('The Pentagon said so on 27 February.');
    expect(screen.queryByTestId('claim-form')).not.toBeInTheDocument();
    expect(screen.queryByTestId('help-overlay')).not.toBeInTheDocument();

    // Clicking the list puts the focus there on purpose: the letters are shortcuts again.
    await user.click(screen.getAllByTestId('claim-row')[0]);
    await user.keyboard('j');
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('$60 billion'));
  });

  it('without unsaved input a lost focus does not hold the letters back', async () => {
    await renderApp();
    const user = userEvent.setup();
    await user.click(screen.getAllByTestId('claim-row')[0]);
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('no plans to send'));
    await missedClick(screen.getByTestId('verdict-form'));
    await user.keyboard('j');
    await waitFor(() => expect(screen.getByTestId('detail-text')).toHaveTextContent('$60 billion'));
  });

  it('the rule, key by key', () => {
    const form = document.createElement('form');
    const box = document.createElement('input');
    box.type = 'checkbox';
    form.append(box);
    const outside = document.createElement('button');
    document.body.append(form, outside);
    const key = (k: string, target: Element, more: KeyboardEventInit = {}) => {
      const e = new KeyboardEvent('keydown', { key: k, bubbles: true, ...more });
      Object.defineProperty(e, 'target', { value: target });
      return letterShortcutHeld(e);
    };
    try {
      // Nothing unsaved: letters are shortcuts wherever the focus is.
      expect(key('j', document.body)).toBe(false);
      expect(key('j', box)).toBe(false);
      form.dataset.unsaved = 'true';
      expect(key('j', box)).toBe(true); // from inside the form
      expect(key('j', document.body)).toBe(true); // focus lost
      outside.focus();
      expect(key('j', outside)).toBe(false); // focus put outside the form on purpose
      form.dispatchEvent(new Event('pointerdown', { bubbles: true }));
      expect(key('j', outside)).toBe(true); // …but the last click was in the form
      outside.dispatchEvent(new Event('pointerdown', { bubbles: true }));
      expect(key('j', outside)).toBe(false);
      // Not single-letter shortcuts: arrows, Esc, and keys with a modifier.
      expect(key('ArrowDown', document.body)).toBe(false);
      expect(key('Escape', document.body)).toBe(false);
      expect(key('n', document.body, { ctrlKey: true })).toBe(false);
    } finally {
      form.remove();
      outside.remove();
    }
  });
});

describe('field errors', () => {
  it('the wording error goes as soon as the fix is typed, and only that field’s', async () => {
    const backend = fakeBackend();
    backend.on('create_claim', () => {
      throw { kind: 'Validation', message: 'The wording of the claim cannot be empty.', field: 'text' };
    });
    render(ClaimForm, { onsaved: vi.fn(), oncancel: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('claim-summary'), 'Aid package');
    await user.click(screen.getByTestId('claim-save'));
    expect(await screen.findByTestId('field-error-text')).toHaveTextContent('cannot be empty');
    expect(screen.getByTestId('claim-text')).toHaveAttribute('aria-invalid', 'true');
    // Typing elsewhere leaves it.
    await user.type(screen.getByTestId('claim-summary'), ' stalled');
    expect(screen.getByTestId('field-error-text')).toBeInTheDocument();
    await user.type(screen.getByTestId('claim-text'), 'A');
    expect(screen.queryByTestId('field-error-text')).not.toBeInTheDocument();
    expect(screen.getByTestId('claim-text')).not.toHaveAttribute('aria-invalid');
  });
});
