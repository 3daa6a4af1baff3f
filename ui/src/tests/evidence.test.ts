import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import ClaimView from '../lib/components/ClaimView.svelte';
import ClaimForm from '../lib/components/ClaimForm.svelte';
import EvidenceForm from '../lib/components/EvidenceForm.svelte';
import { SCALE, fakeBackend, makeAnchor, makeCapture, makeClaim, makeSource } from './fakeBackend';
import type { ClaimDetail, Evidence } from '../lib/api/types';

const capture = makeCapture({ uuid: 'cap-1', captured_at: '2024-03-01T09:00:00Z', sha256: 'feedface'.padEnd(64, '0') });

function evidence(over: Partial<Evidence>): Evidence {
  return {
    uuid: 'e-1',
    source: makeSource({ latest_capture: capture }),
    excerpt: 'We have no plans to send troops.',
    stance: 'supports',
    note: '',
    created_at: '2024-03-01T10:00:00Z',
    capture,
    anchor: makeAnchor({ state: 'found', start: 10, end: 42, context: ['Ryder: ', 'We have no plans to send troops.', ' Next question.'] }),
    ...over,
  };
}

function renderView(claim: ClaimDetail) {
  const backend = fakeBackend([claim]);
  const onupdated = vi.fn();
  render(ClaimView, { claim, scale: SCALE, onedit: vi.fn(), onchanged: vi.fn(), onupdated, onerror: vi.fn() });
  return { backend, onupdated, user: userEvent.setup() };
}

describe('evidence anchors in the claim view', () => {
  it('shows each excerpt’s anchor state and the copy it was checked against', async () => {
    const { user } = renderView(
      makeClaim({
        evidence: [
          evidence({ uuid: 'e-1' }),
          evidence({ uuid: 'e-2', anchor: makeAnchor({ state: 'approximate', start: 0, end: 5, context: ['', '“No plans”', ' to send'] }) }),
          evidence({ uuid: 'e-3', excerpt: 'Troops are on their way.', anchor: makeAnchor({ state: 'missing', in_latest: null }) }),
          evidence({ uuid: 'e-4', anchor: makeAnchor({ state: 'found', start: 0, end: 3, context: ['', 'We have', ''], in_latest: false }) }),
          evidence({ uuid: 'e-5', capture: null, source: makeSource({ latest_capture: null }), anchor: makeAnchor({ state: 'no_capture' }) }),
        ],
      }),
    );
    const items = screen.getAllByTestId('evidence-item');
    const states = items.map((i) => within(i).getByTestId('anchor-badge').dataset.state);
    expect(states).toEqual(['found', 'approximate', 'missing', 'found', 'no_capture']);
    expect(within(items[0]).getByTestId('evidence-capture')).toHaveTextContent('checked against the copy of');
    expect(within(items[0]).getByTestId('evidence-capture')).toHaveTextContent('feedface0000');
    expect(within(items[1]).getByTestId('anchor-approximate-note')).toHaveTextContent('matched ignoring spacing/quotes');
    expect(within(items[2]).getByTestId('anchor-badge')).toHaveTextContent('not found in the archived copy');
    expect(within(items[2]).queryByTestId('anchor-toggle')).not.toBeInTheDocument();
    expect(within(items[3]).getByTestId('anchor-stale')).toHaveTextContent('no longer on the page (changed since it was cited)');
    expect(within(items[0]).queryByTestId('anchor-stale')).not.toBeInTheDocument();
    expect(within(items[4]).queryByTestId('evidence-capture')).not.toBeInTheDocument();

    // The context on request, the excerpt highlighted.
    expect(within(items[0]).queryByTestId('excerpt-context')).not.toBeInTheDocument();
    const toggle = within(items[0]).getByTestId('anchor-toggle');
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(within(items[0]).getByTestId('excerpt-context')).toHaveTextContent('Ryder: We have no plans to send troops. Next question.');
    expect(within(items[0]).getByTestId('excerpt-hit')).toHaveTextContent('We have no plans to send troops.');
  });
});

describe('excerpt in context', () => {
  it('leaves out a scrap of another paragraph where the context was cut, and marks the cuts', async () => {
    const tail = `, the monitor found. Deliveries slowed in the second half of the year as funding debates dragged on in several capitals and parliaments, the yearly report says.\nT`;
    expect(tail.length).toBeGreaterThanOrEqual(160);
    const head = `ts.\nOf the aid pledged in 2023, `;
    renderView(makeClaim({ evidence: [evidence({ anchor: makeAnchor({ state: 'found', start: 400, end: 460, context: [head, 'about 60 percent', tail] }) })] }));
    await userEvent.setup().click(screen.getByTestId('anchor-toggle'));
    const ctx = screen.getByTestId('excerpt-context');
    expect(ctx.textContent).toMatch(/^…Of the aid pledged in 2023, about 60 percent/);
    expect(ctx.textContent).not.toContain('ts.');
    expect(ctx.textContent).toMatch(/the yearly report says\.…$/);
  });
});

describe('evidence form: a source by its address', () => {
  it('fetches the page, picks the new source and links it', async () => {
    const backend = fakeBackend([makeClaim()], []);
    const onsaved = vi.fn();
    render(EvidenceForm, { claimUuid: 'c-1', onsaved, oncancel: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('ev-fetch-url'), 'https://example.org/report{Enter}');
    await waitFor(() => expect(screen.getByTestId('picked-source')).toHaveTextContent('Page at https://example.org/report'));
    expect(screen.getByTestId('ev-fetch-result')).toHaveTextContent('Added to the library with an archived copy');
    // Enter in the address field fetched; it did not submit the evidence form.
    expect(backend.callsOf('add_evidence')).toHaveLength(0);
    await user.type(screen.getByTestId('evidence-excerpt'), 'The figure was revised.');
    await user.click(screen.getByTestId('evidence-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(backend.callsOf('add_source_by_url')[0].args).toEqual({ url: 'https://example.org/report' });
    expect(backend.callsOf('create_source')).toHaveLength(0);
    const input = (backend.callsOf('add_evidence')[0].args as { input: { source_uuid: string } }).input;
    expect(input.source_uuid).toBe(backend.sources[0].uuid);
  });

  it('picks the source already in the library and says so', async () => {
    const known = makeSource({ uuid: 's-9', url: 'https://example.org/known', title: 'Known report' });
    const backend = fakeBackend([makeClaim()], [known]);
    render(EvidenceForm, { claimUuid: 'c-1', onsaved: vi.fn(), oncancel: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('ev-fetch-url'), 'https://example.org/known');
    await user.click(screen.getByTestId('ev-fetch-go'));
    expect(await screen.findByTestId('ev-fetch-result')).toHaveTextContent('Already in the library as “Known report”');
    expect(screen.getByTestId('picked-source')).toHaveTextContent('Known report');
    expect(backend.sources).toHaveLength(1);
  });

  it('on a network failure, offers to enter the source by hand from that address', async () => {
    const backend = fakeBackend([makeClaim()], []);
    backend.on('add_source_by_url', () => {
      throw { kind: 'Network', message: 'The page answered 404 (not found).', field: null };
    });
    render(EvidenceForm, { claimUuid: 'c-1', onsaved: vi.fn(), oncancel: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('ev-fetch-url'), 'https://example.org/gone{Enter}');
    expect(await screen.findByTestId('ev-fetch-error')).toHaveTextContent('The page answered 404 (not found).');
    await user.click(screen.getByTestId('ev-fetch-byhand'));
    expect(screen.getByTestId('source-url')).toHaveValue('https://example.org/gone');
    expect(screen.getByTestId('source-title')).toHaveFocus();
  });
});

describe('appearances', () => {
  const claim = () =>
    makeClaim({
      appearances: [
        { uuid: 'a-1', url: 'https://www.defense.gov/briefing', outlet: 'Pentagon briefing', medium: 'broadcast', appeared_on: '2024-02-27', is_first: true, source_uuid: null },
        { uuid: 'a-2', url: '', outlet: 'X (Twitter)', medium: 'social post', appeared_on: null, is_first: false, source_uuid: null },
      ],
    });

  it('lists appearances with the first one marked', () => {
    renderView(claim());
    const items = screen.getAllByTestId('appearance-item');
    expect(items.map((i) => i.dataset.first)).toEqual(['true', 'false']);
    expect(within(items[0]).getByTestId('appearance-first')).toHaveTextContent('first');
    expect(items[0]).toHaveTextContent('Pentagon briefing');
    expect(items[0]).toHaveTextContent('2024-02-27');
    expect(items[1]).toHaveTextContent('date unknown');
  });

  it('adds an appearance with the small form and removes one', async () => {
    const { backend, onupdated, user } = renderView(claim());
    await user.click(screen.getByTestId('add-appearance'));
    expect(screen.getByTestId('appearance-url')).toHaveFocus();
    await user.type(screen.getByTestId('appearance-url'), 'https://example.org/interview');
    await user.type(screen.getByTestId('appearance-outlet'), 'Example Radio');
    await user.type(screen.getByTestId('appearance-medium'), 'interview');
    await user.type(screen.getByTestId('appearance-date'), '27/02/2024');
    await user.click(screen.getByTestId('appearance-first-toggle'));
    await user.click(screen.getByTestId('appearance-save'));
    await waitFor(() => expect(onupdated).toHaveBeenCalledTimes(1));
    expect(backend.callsOf('add_appearance')[0].args).toEqual({
      claimUuid: 'c-1',
      input: { url: 'https://example.org/interview', outlet: 'Example Radio', medium: 'interview', appeared_on: '2024-02-27', is_first: true },
    });
    expect(screen.queryByTestId('appearance-form')).not.toBeInTheDocument();

    await user.click(screen.getAllByTestId('appearance-remove')[1]);
    await waitFor(() => expect(onupdated).toHaveBeenCalledTimes(2));
    expect(backend.callsOf('remove_appearance')[0].args).toEqual({ uuid: 'a-2' });
  });

  it('asks before Esc throws a filled appearance away, and marks it unsaved meanwhile (issue 17)', async () => {
    const { user } = renderView(claim());
    // Empty: Esc closes at once.
    await user.click(screen.getByTestId('add-appearance'));
    expect(screen.getByTestId('appearance-form')).not.toHaveAttribute('data-unsaved');
    await user.keyboard('{Escape}');
    expect(screen.queryByTestId('appearance-form')).not.toBeInTheDocument();
    // Filled: the form holds unsaved input, and Esc asks; Keep editing keeps every word.
    await user.click(screen.getByTestId('add-appearance'));
    await user.type(screen.getByTestId('appearance-outlet'), 'Example Radio');
    expect(screen.getByTestId('appearance-form')).toHaveAttribute('data-unsaved', 'true');
    await user.keyboard('{Escape}');
    expect(screen.getByTestId('discard-confirm')).toHaveTextContent('Discard this unsaved appearance?');
    await user.click(screen.getByTestId('discard-confirm-keep'));
    expect(screen.getByTestId('appearance-outlet')).toHaveValue('Example Radio');
    expect(screen.getByTestId('appearance-outlet')).toHaveFocus();
    await user.keyboard('{Escape}');
    await user.click(screen.getByTestId('discard-confirm-discard'));
    expect(screen.queryByTestId('appearance-form')).not.toBeInTheDocument();
  });

  it('puts the error under the field it names', async () => {
    const { user } = renderView(claim());
    await user.click(screen.getByTestId('add-appearance'));
    await user.type(screen.getByTestId('appearance-medium'), 'video');
    await user.click(screen.getByTestId('appearance-save'));
    expect(await screen.findByTestId('field-error-outlet')).toHaveTextContent('Say where the claim appeared.');
    expect(screen.getByTestId('appearance-outlet')).toHaveFocus();
  });
});

describe('claim form', () => {
  it('keeps the fields it does not show (language, context, assignee) when editing', async () => {
    const claim = makeClaim({ language: 'fr', context: 'Said twice that week.', assignee: 'sam' });
    const backend = fakeBackend([claim]);
    render(ClaimForm, { claim, onsaved: vi.fn(), oncancel: vi.fn() });
    backend.on('update_claim', () => claim);
    await userEvent.setup().click(screen.getByTestId('claim-save'));
    await waitFor(() => expect(backend.callsOf('update_claim')).toHaveLength(1));
    const input = (backend.callsOf('update_claim')[0].args as { input: Record<string, unknown> }).input;
    expect(input).toMatchObject({ language: 'fr', context: 'Said twice that week.', assignee: 'sam' });
  });
});
