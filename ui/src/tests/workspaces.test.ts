// Workspaces from the window (issue 16): the welcome screen when no workspace is open, and the
// menu bar's items, which reach the window as the `menu` event.
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { emit } from '@tauri-apps/api/event';
import App from '../App.svelte';
import { Requests, menuScreen, recentPath } from '../lib/menu';
import { NOTICE_KEY } from '../lib/notice';
import { SCREENS } from '../lib/screens';
import { fakeBackend, makeClaim } from './fakeBackend';
import type { Profile, WindowStart, WorkspaceInfo } from '../lib/api/types';

const OTHER: WorkspaceInfo = { path: '/home/desk/other.factdesk', claim_count: 0, source_count: 0, actor: 'Amira', schema_version: 8, read_only: false };

function welcome(over: Partial<WindowStart> = {}) {
  const backend = fakeBackend([makeClaim()]);
  const start: WindowStart = { workspace: null, problem: null, recent: [], dropped: [], profile: null, ...over };
  backend.on('window_start', () => start);
  const onswitched = vi.fn();
  render(App, { props: { onswitched } });
  return { backend, onswitched };
}

describe('the welcome screen', () => {
  it('shows when no workspace is open, and nothing of the workspace window', async () => {
    const { backend } = welcome();
    await screen.findByTestId('welcome-screen');
    expect(screen.queryByTestId('screens-nav')).toBeNull();
    // No workspace command is asked for a workspace that is not there.
    expect(backend.callsOf('list_claims')).toHaveLength(0);
    expect(backend.callsOf('rating_scale')).toHaveLength(0);
  });

  it('asks once for the name, desk and address, keeps them, then makes the workspace and shows it', async () => {
    const { backend, onswitched } = welcome();
    backend.on('new_workspace', () => OTHER);
    await fireEvent.input(await screen.findByTestId('welcome-checker'), { target: { value: ' Amira Haddad ' } });
    await fireEvent.input(screen.getByTestId('welcome-desk'), { target: { value: 'Desk Example' } });
    await fireEvent.input(screen.getByTestId('welcome-url'), { target: { value: 'https://desk.example/checks/' } });
    await fireEvent.input(screen.getByTestId('welcome-logo'), { target: { value: ' https://desk.example/logo.png' } });
    await fireEvent.click(screen.getByTestId('welcome-new'));
    await waitFor(() => expect(onswitched).toHaveBeenCalledTimes(1));
    const saved = backend.callsOf('save_profile');
    expect(saved).toHaveLength(1);
    expect((saved[0].args as { profile: Profile }).profile).toEqual({
      checker: 'Amira Haddad',
      desk_name: 'Desk Example',
      publication_url: 'https://desk.example/checks/',
      desk_logo_url: 'https://desk.example/logo.png',
    });
    // Kept before the switch, so the new workspace gets them.
    const order = backend.calls.map((c) => c.cmd).filter((c) => c === 'save_profile' || c === 'new_workspace');
    expect(order).toEqual(['save_profile', 'new_workspace']);
    // Said after the reload.
    expect(sessionStorage.getItem(NOTICE_KEY)).toBe('Opened other.factdesk.');
  });

  it('refuses an address that is not a web address, and switches nothing', async () => {
    const { backend, onswitched } = welcome();
    await fireEvent.input(await screen.findByTestId('welcome-url'), { target: { value: 'desk example' } });
    await fireEvent.click(screen.getByTestId('welcome-demo'));
    expect(await screen.findByTestId('welcome-url-error')).toHaveTextContent('https://');
    expect(backend.callsOf('save_profile')).toHaveLength(0);
    expect(backend.callsOf('open_demo_workspace')).toHaveLength(0);
    expect(onswitched).not.toHaveBeenCalled();
  });

  it('refuses a logo that is not a web address, and switches nothing', async () => {
    const { backend, onswitched } = welcome();
    await fireEvent.input(await screen.findByTestId('welcome-logo'), { target: { value: 'logo.png' } });
    await fireEvent.click(screen.getByTestId('welcome-new'));
    expect(await screen.findByTestId('welcome-logo-error')).toHaveTextContent('https://');
    expect(screen.queryByTestId('welcome-url-error')).toBeNull();
    expect(backend.callsOf('save_profile')).toHaveLength(0);
    expect(backend.callsOf('new_workspace')).toHaveLength(0);
    expect(onswitched).not.toHaveBeenCalled();
  });

  it('does not ask again once answered; a cancelled dialog stays on the welcome screen', async () => {
    const { backend, onswitched } = welcome({ profile: { checker: 'Amira', desk_name: '', publication_url: '', desk_logo_url: '' } });
    await screen.findByTestId('welcome-screen');
    expect(screen.queryByTestId('welcome-checker')).toBeNull();
    await fireEvent.click(screen.getByTestId('welcome-open'));
    await waitFor(() => expect(backend.callsOf('open_workspace')).toHaveLength(1));
    expect(backend.callsOf('save_profile')).toHaveLength(0);
    expect(onswitched).not.toHaveBeenCalled();
    expect(screen.getByTestId('welcome-screen')).toBeInTheDocument();
  });

  it('says in plain words why a workspace did not open, and keeps the choices', async () => {
    const { backend, onswitched } = welcome({ profile: { checker: '', desk_name: '', publication_url: '', desk_logo_url: '' } });
    backend.on('open_demo_workspace', () => {
      throw { kind: 'InUse', message: '/home/desk/demo.factdesk is open by Factdesk (process 77). Close it there, or wait for that command to finish, and try again.', field: null };
    });
    await fireEvent.click(await screen.findByTestId('welcome-demo'));
    expect(await screen.findByTestId('welcome-error')).toHaveTextContent('is open by Factdesk (process 77)');
    expect(onswitched).not.toHaveBeenCalled();
    expect(screen.getByTestId('welcome-demo')).not.toBeDisabled();
  });

  it('lists recent workspaces, reopens one, and says which were dropped and why the last did not open', async () => {
    const { backend, onswitched } = welcome({
      profile: { checker: '', desk_name: '', publication_url: '', desk_logo_url: '' },
      problem: 'Factdesk could not open the workspace /mnt/usb/desk.factdesk: it is not a Factdesk workspace.',
      recent: [{ path: '/home/desk/other.factdesk', name: 'other.factdesk' }],
      dropped: ['/home/desk/gone.factdesk'],
    });
    backend.on('open_recent_workspace', () => OTHER);
    expect(await screen.findByTestId('welcome-problem')).toHaveTextContent('not a Factdesk workspace');
    expect(screen.getByTestId('welcome-dropped')).toHaveTextContent('/home/desk/gone.factdesk');
    await fireEvent.click(within(screen.getByRole('list')).getByRole('button', { name: 'other.factdesk' }));
    await waitFor(() => expect(onswitched).toHaveBeenCalled());
    expect(backend.callsOf('open_recent_workspace')[0].args).toEqual({ path: '/home/desk/other.factdesk' });
  });
});

async function workspaceWindow() {
  const backend = fakeBackend([makeClaim(), makeClaim({ uuid: 'c-2', text: 'A $60 billion aid package remains held up in Congress.', claimant: null })]);
  const onswitched = vi.fn();
  render(App, { props: { onswitched } });
  await waitFor(() => expect(screen.getAllByTestId('claim-row')).toHaveLength(2));
  return { backend, onswitched };
}

describe('the menu bar', () => {
  it('File → Open workspace… switches and reloads; an error keeps the workspace and says why', async () => {
    const { backend, onswitched } = await workspaceWindow();
    backend.on('open_workspace', () => OTHER);
    await emit('menu', 'open-workspace');
    await waitFor(() => expect(onswitched).toHaveBeenCalledTimes(1));
    backend.on('open_workspace', () => {
      throw { kind: 'InUse', message: '/home/desk/held.factdesk is open by Factdesk (process 9). The window keeps the workspace it has open.', field: null };
    });
    await emit('menu', 'open-workspace');
    expect(await screen.findByTestId('error-banner')).toHaveTextContent('keeps the workspace it has open');
    expect(onswitched).toHaveBeenCalledTimes(1);
    expect(screen.getAllByTestId('claim-row')).toHaveLength(2);
  });

  it('File → New workspace… and Open recent ask the backend for them', async () => {
    const { backend, onswitched } = await workspaceWindow();
    await emit('menu', 'new-workspace');
    await waitFor(() => expect(backend.callsOf('new_workspace')).toHaveLength(1));
    expect(onswitched).not.toHaveBeenCalled(); // cancelled in the dialog
    await emit('menu', 'recent:/home/desk/other.factdesk');
    await waitFor(() => expect(backend.callsOf('open_recent_workspace')).toHaveLength(1));
    expect(backend.callsOf('open_recent_workspace')[0].args).toEqual({ path: '/home/desk/other.factdesk' });
    await waitFor(() => expect(onswitched).toHaveBeenCalledTimes(1));
  });

  it('View → a screen, Help → Keyboard shortcuts', async () => {
    await workspaceWindow();
    await emit('menu', 'screen-claimants');
    await waitFor(() => expect(screen.getByTestId('nav-claimants')).toHaveAttribute('aria-current', 'page'));
    await emit('menu', 'shortcuts');
    expect(await screen.findByTestId('help-overlay')).toBeInTheDocument();
  });

  it('File → Back up… backs up from Settings as its button does; Restore… asks to confirm first', async () => {
    const { backend } = await workspaceWindow();
    backend.on('backup_workspace', () => ({ path: '/home/desk/factdesk-backup-2026-12-07.factdesk', bytes: 4096, claims: 2, sources: 0 }));
    await emit('menu', 'backup');
    expect(await screen.findByTestId('backup-path')).toHaveTextContent('factdesk-backup-2026-12-07.factdesk');
    expect(backend.callsOf('backup_workspace')).toHaveLength(1);
    await emit('menu', 'restore');
    expect(await screen.findByTestId('restore-confirm')).toBeInTheDocument();
    expect(backend.callsOf('restore_workspace')).toHaveLength(0);
  });

  it('File → Export… opens the export of the claims in the list', async () => {
    await workspaceWindow();
    await emit('menu', 'export');
    expect(await screen.findByTestId('export-dialog')).toBeInTheDocument();
  });

  it('items that need a workspace do nothing on the welcome screen', async () => {
    const { backend } = welcome();
    await screen.findByTestId('welcome-screen');
    await emit('menu', 'backup');
    await emit('menu', 'export');
    await new Promise((r) => setTimeout(r, 50));
    expect(backend.callsOf('backup_workspace')).toHaveLength(0);
    expect(screen.queryByTestId('export-dialog')).toBeNull();
    expect(screen.getByTestId('welcome-screen')).toBeInTheDocument();
  });
});

describe('menu requests', () => {
  it('run at once when a part handles them, else when it mounts, once', () => {
    const r = new Requests();
    const early = vi.fn();
    r.request('backup');
    const stop = r.handle('backup', early);
    expect(early).toHaveBeenCalledTimes(1);
    r.request('backup');
    expect(early).toHaveBeenCalledTimes(2);
    stop();
    r.request('backup');
    expect(early).toHaveBeenCalledTimes(2);
    const late = vi.fn();
    r.handle('backup', late);
    expect(late).toHaveBeenCalledTimes(1);
  });

  it('names the recent workspace and the screen an item stands for', () => {
    expect(recentPath('recent:/home/desk/a b.factdesk')).toBe('/home/desk/a b.factdesk');
    expect(recentPath('backup')).toBeNull();
    expect(menuScreen('screen-sources', SCREENS)).toBe('sources');
    expect(menuScreen('screen-nowhere', SCREENS)).toBeNull();
  });
});

describe('Settings → Publishing', () => {
  it('shows the desk and address, saves changes, and refuses an address that is not one', async () => {
    const { default: PublishingPanel } = await import('../lib/components/PublishingPanel.svelte');
    const backend = fakeBackend([]);
    backend.on('publishing', () => ({ desk_name: 'Desk Example', publication_url: 'https://desk.example/checks/' }));
    render(PublishingPanel);
    const desk = await screen.findByTestId('publishing-desk');
    await waitFor(() => expect(desk).toHaveValue('Desk Example'));
    expect(desk).toHaveAttribute('dir', 'auto');
    await fireEvent.input(screen.getByTestId('publishing-url'), { target: { value: 'desk example' } });
    await fireEvent.click(screen.getByTestId('publishing-save'));
    expect(await screen.findByTestId('field-error-publication_url')).toHaveTextContent('https://');
    expect(screen.getByTestId('publishing-url')).toHaveAttribute('aria-invalid', 'true');
    await fireEvent.input(screen.getByTestId('publishing-url'), { target: { value: ' https://other.example/{uuid} ' } });
    await fireEvent.click(screen.getByTestId('publishing-save'));
    expect(await screen.findByTestId('publishing-saved')).toHaveTextContent('Saved');
    const sent = backend.callsOf('set_publishing').slice(-1)[0].args as { publishing: { desk_name: string; publication_url: string } };
    expect(sent.publishing).toEqual({ desk_name: 'Desk Example', publication_url: ' https://other.example/{uuid} ' });
    expect(screen.getByTestId('publishing-url')).toHaveValue('https://other.example/{uuid}');
  });
});
