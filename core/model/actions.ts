/**
 * What to do with each grade (SPEC §6): the coverage table, the specialist by wallet share,
 * the shed / laggard notes and the key-account plan checklist for A clients.
 */
import type { Grade, Settings } from "../settings";

export interface Coverage {
  sponsor: string;
  meetings: string;
  newProducts: string;
  monitoring: string;
  advisoryBoard: string;
  reporting: string;
}

export const COVERAGE: Record<Grade, Coverage> = {
  A: {
    sponsor: "Owner / most senior person",
    meetings: "Monthly, in person, at their site",
    newProducts: "Early access, priority ordering",
    monitoring: "News alerts + purchase-pattern watch",
    advisoryBoard: "Invite",
    reporting: "Analysis, not just reports",
  },
  B: {
    sponsor: "A project manager",
    meetings: "Quarterly, video or in person",
    newProducts: "Access after A clients",
    monitoring: "Purchase-pattern watch",
    advisoryBoard: "Consider",
    reporting: "Report with summary",
  },
  C: {
    sponsor: "None: great customer service",
    meetings: "On request",
    newProducts: "Standard",
    monitoring: "—",
    advisoryBoard: "—",
    reporting: "Standard",
  },
};

export type Specialist = "growth" | "relationship" | null;

/** Wallet share < 50% → a growth specialist; > 75% → a relationship specialist. */
export function specialist(share: number | null, s: Pick<Settings, "walletMediumPct" | "walletHighPct">): Specialist {
  if (share === null) return null;
  if (share < s.walletMediumPct / 100) return "growth";
  if (share > s.walletHighPct / 100) return "relationship";
  return null;
}

export const KEY_ACCOUNT_PLAN: readonly string[] = [
  "Their top five problems",
  "How we help with each",
  "What makes us different",
  "Decision-maker relationships we have",
  "Relationships to build",
  "Positioning tactics",
  "Time and money budget",
  "Success measure",
  "Revenue target",
];

export interface ActionInput {
  grade: Grade;
  share: number | null;
  flags: readonly string[];
}

/** The one-line plan of KAM_ACTIONS and the portfolio. */
export function actionLine(a: ActionInput, s: Pick<Settings, "walletMediumPct" | "walletHighPct">): string {
  const c = COVERAGE[a.grade];
  const parts: string[] = [];
  if (a.flags.includes("shed")) parts.push("Shed, or refer to a competitor");
  if (a.flags.includes("laggard")) parts.push("Reprice or exit");
  parts.push(`Sponsor: ${c.sponsor.toLowerCase()}`);
  parts.push(`meet: ${c.meetings.toLowerCase()}`);
  const sp = specialist(a.share, s);
  if (sp === "growth") parts.push("assign a growth specialist");
  if (sp === "relationship") parts.push("assign a relationship specialist");
  if (a.grade === "A") parts.push("write a key-account plan");
  return parts.join("; ");
}
