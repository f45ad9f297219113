/**
 * The tab may not import core/app (ARCHITECTURE.md), so it declares the API's JSON shapes itself
 * (tab/api/types.ts). These checks run in `npm run typecheck`: when the server's shapes and the
 * tab's drift apart, the build fails here rather than in a browser.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type * as Server from '../../core/app/assets';
import type { Dashboard as ServerDashboard } from '../../core/app/overview';
import type { PersonSummary as ServerPerson, SessionView as ServerSession } from '../../core/app/people';
import type { TabAuthConfig as ServerAuthConfig } from '../../bot/api/router';
import type { IssuedToken as ServerToken } from '../../bot/api/auth/local-tokens';
import type * as Tab from '../../tab/api/types';
import type * as Incidents from '../../core/app/incidents';
import type * as Register from '../../core/app/incidents';
import type * as Suppliers from '../../core/app/suppliers';
import type * as Gdpr from '../../core/app/gdpr';
import type * as Improvements from '../../core/app/improvements';
import type * as Training from '../../core/app/training';
import type * as TrainingImport from '../../core/app/training';
import type * as Access from '../../core/app/access';
import type * as Ambassadors from '../../core/app/ambassadors';
import type * as Domain from '../../core/domain';
import type * as BotCards from '../../bot/cards/incidents';

describe('API contract between core/app and the tab', () => {
  it('has the same session and people shapes', () => {
    expectTypeOf<Tab.SessionView>().toEqualTypeOf<ServerSession>();
    expectTypeOf<Tab.PersonSummary>().toEqualTypeOf<ServerPerson>();
    expectTypeOf<Tab.TabAuthConfig>().toEqualTypeOf<ServerAuthConfig>();
    expectTypeOf<Tab.IssuedToken>().toEqualTypeOf<ServerToken>();
  });

  it('has the same asset shapes', () => {
    expectTypeOf<Tab.AssetRow>().toEqualTypeOf<Server.AssetRow>();
    expectTypeOf<Tab.AssetView>().toEqualTypeOf<Server.AssetView>();
    expectTypeOf<Tab.AssetPage>().toEqualTypeOf<Server.AssetPage>();
    expectTypeOf<Tab.AssetSortField>().toEqualTypeOf<Server.AssetSortField>();
    // What the form sends is what the server accepts.
    expectTypeOf<Tab.AssetInput>().toExtend<Server.AssetInput>();
    expectTypeOf<Required<Server.AssetListQuery>['sort']>().toEqualTypeOf<Tab.AssetSortField>();
  });

  it('has the same incident shapes', () => {
    expectTypeOf<Tab.IncidentRow>().toEqualTypeOf<Register.IncidentRow>();
    expectTypeOf<Tab.IncidentPage>().toEqualTypeOf<Register.IncidentPage>();
    expectTypeOf<Tab.IncidentView>().toEqualTypeOf<Incidents.IncidentView>();
    expectTypeOf<Tab.IncidentPageView>().toEqualTypeOf<Register.IncidentPageView>();
    expectTypeOf<Tab.RecordChoice>().toEqualTypeOf<Register.RecordChoice>();
    expectTypeOf<Tab.IncidentReportInput>().toEqualTypeOf<Incidents.ReportInput>();
    expectTypeOf<Tab.IncidentTriageInput>().toEqualTypeOf<Incidents.TriageInput>();
    expectTypeOf<Tab.ReportDraftView>().toEqualTypeOf<Incidents.ReportDraftView>();
    expectTypeOf<Tab.SentInput>().toEqualTypeOf<Incidents.SentInput>();
    expectTypeOf<Tab.CorrectionInput>().toEqualTypeOf<Incidents.CorrectionInput>();
    expectTypeOf<Tab.IntermediateRequestInput>().toEqualTypeOf<Incidents.IntermediateRequestInput>();
    expectTypeOf<Tab.AwarenessInput>().toEqualTypeOf<Incidents.AwarenessInput>();
    expectTypeOf<Tab.DraftInput>().toExtend<Incidents.DraftInput>();
  });

  it('has the same incident choices as the domain and the bot', () => {
    expectTypeOf<typeof Tab.INCIDENT_STATUSES>().toEqualTypeOf<typeof Domain.INCIDENT_STATUSES>();
    expectTypeOf<typeof Tab.INCIDENT_CATEGORIES>().toEqualTypeOf<typeof Domain.INCIDENT_CATEGORIES>();
    expectTypeOf<typeof Tab.SEVERITIES>().toEqualTypeOf<typeof Domain.SEVERITIES>();
    expectTypeOf<typeof Tab.SIGNIFICANCE>().toEqualTypeOf<typeof Domain.SIGNIFICANCE>();
    expectTypeOf<typeof Tab.DATA_CATEGORIES>().toEqualTypeOf<typeof BotCards.DATA_CATEGORIES>();
    expectTypeOf<typeof Tab.INCIDENT_CAUSES>().toEqualTypeOf<typeof Domain.INCIDENT_CAUSES>();
    expectTypeOf<typeof Tab.BREACH_NATURES>().toEqualTypeOf<typeof Domain.BREACH_NATURES>();
  });

  it('has the same supplier shapes', () => {
    expectTypeOf<Tab.SupplierNode>().toEqualTypeOf<Suppliers.SupplierNode>();
    expectTypeOf<Tab.SupplierTree>().toEqualTypeOf<Suppliers.SupplierTree>();
    expectTypeOf<Tab.SupplierView>().toEqualTypeOf<Suppliers.SupplierView>();
    expectTypeOf<typeof Tab.SUPPLIER_CHECKLIST_KEYS>().toEqualTypeOf<typeof Suppliers.SUPPLIER_CHECKLIST_KEYS>();
  });

  it('has the same data protection shapes', () => {
    expectTypeOf<Tab.ProcessingRow>().toEqualTypeOf<Gdpr.ProcessingRow>();
    expectTypeOf<Tab.ProcessingPage>().toEqualTypeOf<Gdpr.ProcessingPage>();
    expectTypeOf<Tab.ProcessingView>().toEqualTypeOf<Gdpr.ProcessingView>();
    expectTypeOf<Tab.DpiaSummary>().toEqualTypeOf<Gdpr.DpiaSummary>();
  });

  it('has the same improvement action shapes', () => {
    expectTypeOf<Tab.ImprovementRow>().toEqualTypeOf<Improvements.ImprovementRow>();
    expectTypeOf<Tab.ImprovementPage>().toEqualTypeOf<Improvements.ImprovementPage>();
    expectTypeOf<Tab.ImprovementInput>().toEqualTypeOf<Improvements.ImprovementInput>();
    expectTypeOf<typeof Tab.IMPROVEMENT_SOURCES>().toEqualTypeOf<typeof Domain.IMPROVEMENT_SOURCES>();
  });

  it('has the same training shapes', () => {
    expectTypeOf<Tab.TrainingOverview>().toEqualTypeOf<Training.TrainingOverview>();
    expectTypeOf<TrainingImport.TrainingImportReport>().toExtend<Tab.TrainingImportReport>();
  });

  it('has the same access register shapes', () => {
    expectTypeOf<Tab.AccessRequestRow>().toEqualTypeOf<Access.AccessRequestRow>();
    expectTypeOf<Tab.AccessGrantRow>().toEqualTypeOf<Access.AccessGrantRow>();
    expectTypeOf<Tab.AccessCampaignRow>().toEqualTypeOf<Access.AccessCampaignRow>();
    expectTypeOf<Tab.Paged<Tab.AccessRequestRow>>().toEqualTypeOf<Access.Paged<Access.AccessRequestRow>>();
    expectTypeOf<typeof Tab.ACCESS_REQUEST_STATUSES>().toEqualTypeOf<typeof Domain.ACCESS_REQUEST_STATUSES>();
    expectTypeOf<typeof Tab.ACCESS_GRANT_STATUSES>().toEqualTypeOf<typeof Domain.ACCESS_GRANT_STATUSES>();
  });

  it('has the same ambassador network shape', () => {
    expectTypeOf<Tab.AmbassadorYear>().toEqualTypeOf<Ambassadors.AmbassadorYear>();
  });

  it('has the same overview', () => {
    expectTypeOf<Tab.Dashboard>().toEqualTypeOf<ServerDashboard>();
  });
});
