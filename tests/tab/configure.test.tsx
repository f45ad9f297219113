// @vitest-environment happy-dom
/** The channel tab's configuration page: the chosen view becomes the tab's content URL on Save. */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ConfigureView from '../../tab/features/configure/ConfigureView';
import { browserHost, type Host } from '../../tab/app/host';
import { I18nProvider } from '../../tab/app/i18n';
import { SessionProvider } from '../../tab/app/session';
import { fakeApi, ME } from './render';

afterEach(cleanup);

function renderConfigure(teams: Host['teams']) {
  const host: Host = { ...browserHost(window), locale: 'sv', inTeams: Boolean(teams), teams };
  return render(
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale="sv">
        <SessionProvider value={{ me: ME.isam, api: fakeApi(), host, switchPerson: null }}>
          <ConfigureView params={{}} query={new URLSearchParams()} />
        </SessionProvider>
      </I18nProvider>
    </FluentProvider>,
  );
}

describe('channel tab configuration', () => {
  it('saves the chosen view as the tab’s content URL', async () => {
    let onSave: ((e: { notifySuccess(): void; notifyFailure(m: string): void }) => void) | null = null;
    const setConfig = vi.fn(async () => undefined);
    const setValidityState = vi.fn(async () => undefined);
    const teams = { pages: { config: { registerOnSaveHandler: (h: typeof onSave) => void (onSave = h), setConfig, setValidityState } } } as unknown as Host['teams'];
    renderConfigure(teams);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Vy i fliken' }), 'Incidenter');
    await waitFor(() => expect(setValidityState).toHaveBeenCalledWith(true));
    const notifySuccess = vi.fn();
    onSave!({ notifySuccess, notifyFailure: vi.fn() });
    await waitFor(() => expect(notifySuccess).toHaveBeenCalled());
    expect(setConfig).toHaveBeenLastCalledWith(expect.objectContaining({ contentUrl: `${window.location.origin}/#/incidents`, entityId: 'lis-incidents', suggestedDisplayName: 'LIS – Incidenter' }));
  });

  it('explains itself outside Teams', () => {
    renderConfigure(null);
    expect(screen.getByText('Den här sidan används när LIS läggs till som flik i en Teams-kanal.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Lägg till LIS i kanalen' })).toBeTruthy();
  });
});
