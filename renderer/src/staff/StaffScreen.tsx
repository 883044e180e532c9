// What staff see after the PIN, in tabs: status (counts, field records, refresh), sync and
// enrolment, offered forms, kiosk settings (idle time, language, PIN, leaving kiosk mode) and the
// door (visitor or door mode, the gate). On a door kiosk it is reached from the door screen, and
// leads back to it.
import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../app/error-text';
import { StatusList } from '../app/StatusList';
import { SAY_NOTHING, type Translator, type Wording } from '../i18n/i18n';
import { useT } from '../i18n/use-t';
import { selectSettings } from '../store/selectors';
import type { StaffStatus } from '../store/staff-slice';
import { kioskStore, useKiosk } from '../store/use-kiosk';
import { ChangePin } from './ChangePin';
import { ExitPanel } from './ExitPanel';
import { FieldRecordsPanel } from './FieldRecordsPanel';
import { FormsPanel, IdlePanel, LanguagePanel, ModePanel, SealedBundlesPanel } from './SettingsPanels';
import { draftFromConfig, draftProblem, settingsFromDraft, type SettingsDraft } from './settings-draft';
import { StaffHeader } from './StaffHeader';
import { StaffTabs, type Tab } from './StaffTabs';
import { SyncPanel } from './SyncPanel';
import { UsbPanel } from './UsbPanel';

type TabKey = 'state' | 'sync' | 'usb' | 'forms' | 'settings' | 'door';

export function StaffScreen() {
  const [view, setView] = useState<'main' | 'pin'>('main');
  // Kept here so coming back from the PIN change opens the tab it was started from.
  const [tab, setTab] = useState<TabKey>('state');
  const [notice, setNotice] = useState<Wording>(() => SAY_NOTHING);
  const say = useCallback((wording: Wording) => setNotice(() => wording), []);
  return (
    <main className="screen staff-screen">
      {view === 'main' ? (
        <StaffMain notice={notice} say={say} tab={tab} onTab={setTab} onChangePin={() => setView('pin')} />
      ) : (
        <ChangePin
          onDone={(wording) => {
            say(wording);
            setView('main');
          }}
        />
      )}
    </main>
  );
}

type MainProps = {
  notice: Wording;
  say(wording: Wording): void;
  tab: TabKey;
  onTab(tab: TabKey): void;
  onChangePin(): void;
};

function StaffMain({ notice, say, tab, onTab, onChangePin }: MainProps) {
  const translator = useT();
  const { t } = translator;
  const staff = useKiosk((state) => state.staff);
  const languages = useKiosk((state) => selectSettings(state)?.languages);
  const isDoor = useKiosk((state) => selectSettings(state)?.mode === 'door');
  const [edited, setEdited] = useState<SettingsDraft | null>(null);
  const [busy, setBusy] = useState(false);
  // The outcome of "Guardar cambios", shown and announced beside the button.
  const [saved, setSaved] = useState<Wording>(() => SAY_NOTHING);
  const { loadStaff, configureKiosk, lockStaff, exitKioskMode, openDoorScreen } = kioskStore.getState();
  const draft = edited ?? (staff.config ? draftFromConfig(staff.config) : null);

  // Fresh counts on arrival; "Actualizar" refreshes them later.
  useEffect(() => {
    void kioskStore
      .getState()
      .loadStaff()
      .then((error) => {
        if (error) say((tr) => errorText(error, tr));
      });
  }, [say]);

  const run = async (action: () => Promise<Wording>) => {
    setBusy(true);
    say(SAY_NOTHING);
    say(await action());
    setBusy(false);
  };

  const save = async () => {
    if (!draft || !staff.config) return;
    setBusy(true);
    setSaved(() => (tr: Translator) => tr.t('staff.saving'));
    const problem = draftProblem(draft);
    const error =
      problem === null ? await configureKiosk(settingsFromDraft(staff.config.settings, draft)) : null;
    if (problem === null && error === null) setEdited(null);
    setSaved(() =>
      problem === 'gateMissing'
        ? (tr: Translator) => tr.t('staff.gate.missing')
        : error
          ? (tr: Translator) => errorText(error, tr)
          : (tr: Translator) => tr.t('staff.saved'),
    );
    setBusy(false);
  };

  const refresh = () =>
    run(async () => {
      const error = await loadStaff();
      return error ? (tr) => errorText(error, tr) : (tr) => tr.t('staff.refreshed');
    });

  const exit = () =>
    run(async () => {
      const error = await exitKioskMode();
      return error ? (tr) => errorText(error, tr) : SAY_NOTHING;
    });

  const saveRow = (
    <div className="save-row">
      <button type="button" className="button primary" onClick={() => void save()} disabled={busy}>
        {t('staff.save')}
      </button>
      <p className="save-result" role="status">
        {saved(translator)}
      </p>
    </div>
  );

  const tabs: Tab<TabKey>[] = [
    {
      key: 'state',
      label: t('staff.tab.state'),
      panel: () => (
        <>
          <StatusPanel
            status={staff.status}
            translator={translator}
            onRefresh={() => void refresh()}
            busy={busy}
          />
          {isDoor ? null : <FieldRecordsPanel />}
        </>
      ),
    },
    { key: 'sync', label: t('staff.tab.sync'), panel: () => <SyncPanel status={staff.status} /> },
    {
      key: 'usb',
      label: t('staff.tab.usb'),
      panel: () => (
        <>
          <UsbPanel />
          {draft ? (
            <>
              <SealedBundlesPanel draft={draft} onChange={setEdited} />
              {saveRow}
            </>
          ) : null}
        </>
      ),
    },
    ...(draft
      ? ([
          {
            key: 'forms',
            label: t('staff.tab.forms'),
            panel: () => (
              <>
                <FormsPanel draft={draft} onChange={setEdited} />
                {saveRow}
              </>
            ),
          },
          {
            key: 'settings',
            label: t('staff.tab.settings'),
            panel: () => (
              <>
                <IdlePanel draft={draft} onChange={setEdited} />
                <LanguagePanel draft={draft} languages={languages ?? []} onChange={setEdited} />
                {saveRow}
                <section className="panel" aria-labelledby="staff-pin-title">
                  <h2 id="staff-pin-title">{t('staff.pin.title')}</h2>
                  <button type="button" className="button secondary" onClick={onChangePin}>
                    {t('staff.pin.change')}
                  </button>
                </section>
                <ExitPanel busy={busy} onExit={() => void exit()} />
              </>
            ),
          },
          {
            key: 'door',
            label: t('staff.tab.door'),
            panel: () => (
              <>
                <ModePanel draft={draft} onChange={setEdited} />
                {saveRow}
              </>
            ),
          },
        ] satisfies Tab<TabKey>[])
      : []),
  ];

  return (
    <div className="staff-layout">
      <StaffHeader title={t('staff.title')}>
        <div className="row-buttons">
          {isDoor ? (
            <button type="button" className="button primary" onClick={openDoorScreen}>
              {t('staff.toDoor')}
            </button>
          ) : null}
          <button type="button" className="button secondary" onClick={() => void lockStaff()}>
            {t('staff.lock')}
          </button>
        </div>
      </StaffHeader>
      <p className="staff-notice" role="status">
        {notice(translator)}
      </p>
      <StaffTabs
        label={t('staff.tabs.label')}
        tabs={tabs}
        selected={tab}
        onSelect={(key) => {
          setSaved(() => SAY_NOTHING);
          onTab(key);
        }}
      />
    </div>
  );
}

type StatusProps = { status: StaffStatus | null; translator: Translator; onRefresh(): void; busy: boolean };

function StatusPanel({ status, translator, onRefresh, busy }: StatusProps) {
  const { t, locale } = translator;
  const number = new Intl.NumberFormat(locale);
  const rows: [string, string][] = status
    ? [
        [t('staff.status.savedToday'), number.format(status.savedToday)],
        [t('staff.status.savedTotal'), number.format(status.savedTotal)],
        [t('staff.status.device'), status.deviceName],
        [t('staff.status.event'), status.eventName ?? status.eventId],
        // Only while photos of field records wait for the server to confirm them.
        ...(status.photosWaiting > 0
          ? [[t('staff.status.photosWaiting'), number.format(status.photosWaiting)] as [string, string]]
          : []),
      ]
    : [];
  return (
    <section className="panel" aria-labelledby="staff-status-title">
      <h2 id="staff-status-title">{t('staff.status.title')}</h2>
      {status ? <StatusList rows={rows} /> : <p>{t('loading')}</p>}
      <button type="button" className="button secondary" onClick={onRefresh} disabled={busy}>
        {t('staff.refresh')}
      </button>
    </section>
  );
}
