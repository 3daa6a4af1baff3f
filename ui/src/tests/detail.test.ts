import { describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import VerdictForm from '../lib/components/VerdictForm.svelte';
import ClaimView from '../lib/components/ClaimView.svelte';
import EvidenceForm from '../lib/components/EvidenceForm.svelte';
import { RATINGS, SCALE, fakeBackend, makeAnchor, makeClaim, makeSource } from './fakeBackend';
import type { Source, Verdict } from '../lib/api/types';

const verdict = (over: Partial<Verdict>): Verdict => ({
  uuid: 'v-1',
  rating: RATINGS[0],
  rationale: 'Matches the transcript.',
  author: 'alex',
  created_at: '2024-02-28T12:00:00Z',
  superseded_at: null,
  ...over,
});

describe('verdict form', () => {
  it('sends the chosen rating key and rationale, then reports the saved verdict', async () => {
    const backend = fakeBackend();
    backend.on('record_verdict', () => verdict({ uuid: 'v-9', rating: RATINGS[2] }));
    const onsaved = vi.fn();
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current: null, onsaved });
    const user = userEvent.setup();
    const select = screen.getByTestId('verdict-rating');
    expect(Array.from(select.querySelectorAll('option')).map((o) => o.value)).toEqual(['', 'true', 'misleading', 'false']);
    await user.selectOptions(select, 'false');
    await user.type(screen.getByTestId('verdict-rationale'), 'The package passed the Senate on Feb 13.');
    expect(screen.getByTestId('verdict-save')).toHaveTextContent(/^Record verdict$/);
    await user.click(screen.getByTestId('verdict-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalledTimes(1));
    expect(backend.callsOf('record_verdict')[0].args).toEqual({
      input: { claim_uuid: 'c-1', rating_key: 'false', rationale: 'The package passed the Senate on Feb 13.' },
    });
    expect(onsaved.mock.calls[0][0].uuid).toBe('v-9');
  });

  it('says it supersedes when there is a current verdict, and shows a rationale error under the field', async () => {
    const backend = fakeBackend();
    backend.on('record_verdict', () => {
      throw { kind: 'Validation', message: 'A verdict needs a rationale.', field: 'rationale' };
    });
    render(VerdictForm, { claimUuid: 'c-1', scale: SCALE, current: verdict({}), onsaved: vi.fn() });
    const save = screen.getByTestId('verdict-save');
    expect(save).toHaveTextContent('Record new verdict (supersedes current)');
    const user = userEvent.setup();
    await user.selectOptions(screen.getByTestId('verdict-rating'), 'misleading');
    await user.click(save);
    expect(await screen.findByTestId('field-error-rationale')).toHaveTextContent('A verdict needs a rationale.');
    expect(screen.queryByTestId('field-error-rating_key')).not.toBeInTheDocument();
  });
});

describe('claim view', () => {
  const claim = makeClaim({
    verdict: verdict({ uuid: 'v-2', rating: RATINGS[2], rationale: 'Now false.', created_at: '2024-03-02T09:00:00Z' }),
    verdicts: [
      verdict({ uuid: 'v-2', rating: RATINGS[2], rationale: 'Now false.', created_at: '2024-03-02T09:00:00Z' }),
      verdict({ uuid: 'v-1', rating: RATINGS[1], rationale: 'Was misleading.', superseded_at: '2024-03-02T09:00:00Z' }),
    ],
    evidence: [
      {
        uuid: 'e-1',
        source: makeSource({ uuid: 's-1', url: 'https://www.defense.gov/briefing', title: 'Pentagon briefing transcript', publisher: 'DoD', published_on: '2024-02-27' }),
        excerpt: 'We have no plans to send troops.',
        stance: 'supports',
        note: 'Exact words at 14:02.',
        created_at: '2024-02-28T00:00:00Z',
        capture: null,
        anchor: makeAnchor(),
      },
    ],
    history: [
      { at: '2024-03-02T09:00:00Z', actor: 'alex', entity: 'verdict', action: 'recorded', summary: 'Verdict False recorded' },
      { at: '2024-02-28T10:00:00Z', actor: 'alex', entity: 'claim', action: 'created', summary: 'Claim created' },
    ],
  });

  function renderView() {
    const backend = fakeBackend();
    const onerror = vi.fn();
    render(ClaimView, { claim, scale: SCALE, onedit: vi.fn(), onchanged: vi.fn(), onupdated: vi.fn(), onerror });
    return { backend, onerror };
  }

  it('shows the current verdict and marks superseded verdicts as superseded', () => {
    renderView();
    expect(screen.getByTestId('current-verdict-label')).toHaveTextContent('False');
    expect(screen.getByTestId('current-verdict-label')).toHaveStyle({ backgroundColor: '#c62828' });
    const items = screen.getAllByTestId('verdict-history-item');
    expect(items.map((i) => i.dataset.superseded)).toEqual(['false', 'true']);
    expect(items[1]).toHaveClass('superseded');
    expect(items[1]).toHaveTextContent('superseded on 2024-03-02');
    expect(items[1]).toHaveTextContent('Misleading');
    expect(items[0]).not.toHaveTextContent('superseded');
    expect(screen.getByTestId('verdict-save')).toHaveTextContent('supersedes current');
    expect(screen.getAllByTestId('history-item')).toHaveLength(2);
  });

  it('shows the claim facts and evidence, and opens sources in the system browser', async () => {
    const { backend } = renderView();
    expect(screen.getByTestId('detail-claimant')).toHaveTextContent('Pat Ryder, Pentagon press secretary');
    expect(screen.getByTestId('detail-said-on')).toHaveTextContent('2024-02-27');
    expect(screen.getByTestId('detail-status')).toHaveTextContent('Researching');
    expect(screen.getByTestId('detail-tags')).toHaveTextContent('ukraine');
    const item = screen.getByTestId('evidence-item');
    expect(within(item).getByTestId('evidence-stance-badge')).toHaveTextContent(/^supports$/);
    const link = within(item).getByTestId('evidence-source-title');
    expect(link).toHaveTextContent('Pentagon briefing transcript');
    await userEvent.setup().click(link);
    await waitFor(() => expect(backend.callsOf('plugin:opener|open_url')).toHaveLength(1));
    expect((backend.callsOf('plugin:opener|open_url')[0].args as { url: string }).url).toBe('https://www.defense.gov/briefing');
  });
});

describe('evidence form', () => {
  const library: Source[] = [
    makeSource({ uuid: 's-1', url: 'https://www.congress.gov/bill/118/hr815', title: 'H.R.815', publisher: 'Congress.gov', published_on: '2024-02-13' }),
  ];

  it('links an existing source picked from the library', async () => {
    const backend = fakeBackend([makeClaim()], library);
    backend.on('add_evidence', (args) => ({ uuid: 'e-5', ...((args as { input: object }).input) }));
    const onsaved = vi.fn();
    render(EvidenceForm, { claimUuid: 'c-1', onsaved, oncancel: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('source-search'), 'hr');
    await waitFor(() => expect(backend.callsOf('list_sources').slice(-1)[0].args).toEqual({ query: { search: 'hr', sort: 'added' } }));
    await user.click(await screen.findByTestId('source-option'));
    await user.type(screen.getByTestId('evidence-excerpt'), 'Passed the Senate 70-29.');
    await user.selectOptions(screen.getByTestId('evidence-stance'), 'refutes');
    await user.click(screen.getByTestId('evidence-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(backend.callsOf('create_source')).toHaveLength(0);
    expect(backend.callsOf('add_evidence')[0].args).toEqual({
      input: { claim_uuid: 'c-1', source_uuid: 's-1', excerpt: 'Passed the Senate 70-29.', stance: 'refutes', note: '' },
    });
  });

  it('creates a new source first, then links it', async () => {
    const backend = fakeBackend([makeClaim()], []);
    backend.on('create_source', (args) => ({ ...(args as { input: object }).input, uuid: 's-new', accessed_at: null, created_at: '' }));
    backend.on('add_evidence', () => ({}));
    const onsaved = vi.fn();
    render(EvidenceForm, { claimUuid: 'c-1', onsaved, oncancel: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('source-url'), 'https://example.org/a');
    await user.type(screen.getByTestId('source-title'), 'A report');
    await user.type(screen.getByTestId('source-publisher'), 'Example');
    await user.type(screen.getByTestId('source-date'), '27/02/2024');
    await user.type(screen.getByTestId('evidence-excerpt'), 'Quote');
    await user.click(screen.getByTestId('evidence-save'));
    await waitFor(() => expect(onsaved).toHaveBeenCalled());
    expect(backend.callsOf('create_source')[0].args).toEqual({
      input: {
        url: 'https://example.org/a',
        title: 'A report',
        publisher: 'Example',
        author: '',
        published_on: '2024-02-27',
        kind: 'other',
        reliability: 'unrated',
        reliability_note: '',
        confidential: false,
      },
    });
    expect((backend.callsOf('add_evidence')[0].args as { input: { source_uuid: string } }).input.source_uuid).toBe('s-new');
    const order = backend.calls.map((c) => c.cmd).filter((c) => c === 'create_source' || c === 'add_evidence');
    expect(order).toEqual(['create_source', 'add_evidence']);
  });

  it('shows the Conflict message when the address is already in the library', async () => {
    const backend = fakeBackend([makeClaim()], library);
    backend.on('create_source', () => {
      throw { kind: 'Conflict', message: 'A source with this address is already in the library.', field: null };
    });
    const onsaved = vi.fn();
    render(EvidenceForm, { claimUuid: 'c-1', onsaved, oncancel: vi.fn() });
    const user = userEvent.setup();
    await user.type(screen.getByTestId('source-url'), 'https://www.congress.gov/bill/118/hr815');
    await user.type(screen.getByTestId('evidence-excerpt'), 'Quote');
    await user.click(screen.getByTestId('evidence-save'));
    expect(await screen.findByTestId('form-error')).toHaveTextContent('already in the library');
    expect(backend.callsOf('add_evidence')).toHaveLength(0);
    expect(onsaved).not.toHaveBeenCalled();
  });
});
