// Settings → Matching model: what is in use (or that matching is by words only), indexing,
// choosing a folder (refused plainly when it cannot be used), going back to the default, and the
// download with its progress and cancel.
import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import App from '../App.svelte';
import ModelPanel from '../lib/components/ModelPanel.svelte';
import { fakeBackend, makeClaim } from './fakeBackend';
import type { MatchingStatus } from '../lib/api/types';

const DEFAULT_DIR = '/home/desk/.local/share/factdesk/models/all-MiniLM-L6-v2';
const base: MatchingStatus = {
  model: 'all-MiniLM-L6-v2@1f0c9e2a',
  problem: null,
  indexed: 0 as unknown as bigint,
  waiting: 0 as unknown as bigint,
  folder: DEFAULT_DIR,
  chosen_by: 'default',
  settings_folder: null,
  loading: false,
  download: null,
};
const none: MatchingStatus = {
  ...base,
  model: null,
  problem: `Similar claims are found by their words only: There is no matching model at ${DEFAULT_DIR}: the folder does not exist. Download it in Settings → Matching model, or choose another model folder there.`,
};

describe('Settings → Matching model', () => {
  it('names the model in use, its folder and how it was chosen, and how far indexing is', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('matching_status', () => ({ ...base, indexed: 1200, waiting: 8800 }));
    render(ModelPanel);
    await waitFor(() => expect(screen.getByTestId('model-in-use')).toHaveTextContent('all-MiniLM-L6-v2'));
    expect(screen.getByTestId('model-folder')).toHaveTextContent(DEFAULT_DIR);
    expect(screen.getByTestId('model-status')).toHaveTextContent('the installed model');
    expect(screen.getByTestId('model-indexing')).toHaveTextContent('1,200 of 10,000 claims');
    // A model in use: nothing to download, no default to go back to.
    expect(screen.queryByTestId('model-download-start')).toBeNull();
    expect(screen.queryByTestId('model-use-default')).toBeNull();
    await emit('matching-status', { ...base, indexed: 0, waiting: 0 });
    await waitFor(() => expect(screen.getByTestId('model-indexing')).toHaveTextContent('Every claim is indexed.'));
  });

  it('says plainly when there is none, and offers the download', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('matching_status', () => none);
    render(ModelPanel);
    await waitFor(() => expect(screen.getByTestId('model-in-use')).toHaveTextContent('None: similar claims are found by their words only.'));
    expect(screen.getByTestId('model-problem')).toHaveTextContent('the folder does not exist');
    // Here, the notice's pointer to this very section is left out.
    expect(screen.getByTestId('model-problem')).not.toHaveTextContent('Settings → Matching model');
    expect(screen.queryByTestId('model-indexing')).toBeNull();
    expect(screen.getByTestId('model-download-start')).toHaveTextContent('Download the model');
  });

  it('switches to a folder chosen, and refuses one that cannot be used without changing anything', async () => {
    const backend = fakeBackend([makeClaim()]);
    let current: MatchingStatus = base;
    backend.on('matching_status', () => current);
    let answer: 'good' | 'bad' = 'bad';
    backend.on('choose_model_folder', () => {
      if (answer === 'bad') {
        throw { kind: 'Validation', field: 'model', message: 'The model folder /tmp/x is incomplete: model.safetensors missing.' };
      }
      current = { ...base, model: 'paraphrase-multilingual-MiniLM-L12-v2@aa', folder: '/models/multi', chosen_by: 'settings', settings_folder: '/models/multi' };
      return current;
    });
    backend.on('use_default_model', () => (current = base));
    render(ModelPanel);
    await waitFor(() => expect(screen.getByTestId('model-in-use')).toHaveTextContent('all-MiniLM-L6-v2'));

    await fireEvent.click(screen.getByTestId('model-choose'));
    await waitFor(() => expect(screen.getByTestId('model-error')).toHaveTextContent('Nothing was changed: The model folder /tmp/x is incomplete'));
    expect(screen.getByTestId('model-in-use')).toHaveTextContent('all-MiniLM-L6-v2');
    expect(backend.callsOf('choose_model_folder')).toHaveLength(1);

    answer = 'good';
    await fireEvent.click(screen.getByTestId('model-choose'));
    await waitFor(() => expect(screen.getByTestId('model-in-use')).toHaveTextContent('paraphrase-multilingual-MiniLM-L12-v2'));
    expect(screen.queryByTestId('model-error')).toBeNull();
    expect(screen.getByTestId('model-note')).toHaveTextContent('Now using paraphrase-multilingual-MiniLM-L12-v2 from /models/multi');
    expect(screen.getByTestId('model-status')).toHaveTextContent('chosen here');

    await fireEvent.click(screen.getByTestId('model-use-default'));
    await waitFor(() => expect(screen.getByTestId('model-folder')).toHaveTextContent(DEFAULT_DIR));
    expect(backend.callsOf('use_default_model')).toHaveLength(1);
    expect(screen.queryByTestId('model-use-default')).toBeNull();
  });

  it('says when --model-dir or FACTDESK_MODEL overrides the folder chosen here', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('matching_status', () => ({ ...base, folder: '/env/model', chosen_by: 'environment', settings_folder: '/models/multi' }));
    render(ModelPanel);
    await waitFor(() => expect(screen.getByTestId('model-status')).toHaveTextContent('FACTDESK_MODEL environment variable'));
    expect(screen.getByTestId('model-overridden')).toHaveTextContent('/models/multi, is used when Factdesk starts without --model-dir or FACTDESK_MODEL');
  });

  it('shows the download’s progress, can cancel it, and names the model once installed', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('matching_status', () => none);
    let finish: (m: MatchingStatus) => void = () => {};
    backend.on('download_model', () => new Promise<MatchingStatus>((resolve) => (finish = resolve)));
    backend.on('cancel_model_download', () => null);
    render(ModelPanel);
    await waitFor(() => expect(screen.getByTestId('model-download-start')).toBeInTheDocument());
    await fireEvent.click(screen.getByTestId('model-download-start'));
    await emit('matching-status', { ...none, download: { step: 'downloading', done: 41_600_000, total: 83_342_062 } });
    await waitFor(() => expect(screen.getByTestId('model-download')).toHaveTextContent('Downloading 42 MB of 83 MB'));
    await fireEvent.click(within(screen.getByTestId('model-download')).getByRole('button', { name: 'Cancel' }));
    expect(backend.callsOf('cancel_model_download')).toHaveLength(1);
    await emit('matching-status', { ...none, download: { step: 'unpacking', done: 1, total: 90_000_000 } });
    await waitFor(() => expect(screen.getByTestId('model-download')).toHaveTextContent('Checking and unpacking'));
    const installed = { ...base, indexed: 0, waiting: 5 } as unknown as MatchingStatus;
    await emit('matching-status', installed);
    finish(installed);
    await waitFor(() => expect(screen.getByTestId('model-note')).toHaveTextContent('Downloaded and checked: all-MiniLM-L6-v2 is in use.'));
    expect(screen.queryByTestId('model-download')).toBeNull();
  });

  it('the window’s “no model” notice leads to Settings → Matching model, and goes once a model is in use', async () => {
    const backend = fakeBackend([makeClaim()]);
    backend.on('matching_status', () => none);
    render(App);
    await waitFor(() => expect(screen.getByTestId('matching-notice')).toHaveTextContent('Settings → Matching model'));
    expect(screen.getByTestId('matching-notice')).not.toHaveTextContent('make model');
    await fireEvent.click(screen.getByTestId('matching-notice-settings'));
    await waitFor(() => expect(screen.getByTestId('model-panel')).toBeInTheDocument());
    await emit('matching-status', base);
    await waitFor(() => expect(screen.queryByTestId('matching-notice')).toBeNull());
  });
});
