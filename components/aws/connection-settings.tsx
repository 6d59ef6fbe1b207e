"use client";

/**
 * Settings → AWS: region, profile and endpoint override, Save, and "Test connection" (who the
 * server's credentials are). No credential field on purpose: the server's default provider chain
 * supplies them, so they never pass through the browser.
 */
import { useEffect, useId, useState, useSyncExternalStore } from "react";
import type { AwsIdentity } from "@/lib/aws/identity";
import { clearConnection, getConnection, saveConnection, testConnection, type ConnectionView } from "./api";

const COMMON_REGIONS = ["us-east-1", "us-east-2", "us-west-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1", "eu-north-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1", "ca-central-1", "sa-east-1"];

interface Draft {
  region: string;
  profile: string;
  endpoint: string;
}

type Status =
  | { readonly kind: "idle" }
  | { readonly kind: "busy"; readonly what: string }
  | { readonly kind: "saved" }
  | { readonly kind: "cleared"; readonly fromEnvironment: boolean }
  | { readonly kind: "identity"; readonly identity: AwsIdentity }
  | { readonly kind: "failed"; readonly message: string };

const input =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none dark:border-slate-600 dark:bg-slate-800";
const button =
  "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 disabled:opacity-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700";

/** The page's origin never changes while it is open. */
const noSubscription = () => () => {};

function draftOf(settings: ConnectionView["settings"]): Draft {
  return { region: settings?.region ?? "", profile: settings?.profile ?? "", endpoint: settings?.endpoint ?? "" };
}

function settingsOf(draft: Draft) {
  return {
    region: draft.region.trim(),
    ...(draft.profile === "" ? {} : { profile: draft.profile }),
    ...(draft.endpoint.trim() === "" ? {} : { endpoint: draft.endpoint.trim() }),
  };
}

export function ConnectionSettings() {
  const ids = { region: useId(), profile: useId(), endpoint: useId(), regions: useId(), help: useId() };
  const [view, setView] = useState<ConnectionView | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft>({ region: "", profile: "", endpoint: "" });
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const origin = useSyncExternalStore(noSubscription, () => window.location.origin, () => "");

  useEffect(() => {
    getConnection()
      .then((loaded) => {
        setView(loaded);
        setDraft(draftOf(loaded.settings));
      })
      .catch((error: unknown) => setLoadError(error instanceof Error ? error.message : String(error)));
  }, []);

  const run = async (what: string, action: () => Promise<Status>) => {
    setStatus({ kind: "busy", what });
    try {
      setStatus(await action());
    } catch (error) {
      setStatus({ kind: "failed", message: error instanceof Error ? error.message : String(error) });
    }
  };

  const save = () =>
    run("Saving…", async () => {
      const { settings } = await saveConnection(settingsOf(draft));
      setView((current) => (current ? { ...current, settings, source: "saved" } : current));
      return { kind: "saved" };
    });
  const forget = () =>
    run("Forgetting the saved settings…", async () => {
      const { settings, source } = await clearConnection();
      setView((current) => (current ? { ...current, settings, source } : current));
      setDraft(draftOf(settings));
      return { kind: "cleared", fromEnvironment: settings !== null };
    });
  const test = () => run("Testing the connection…", async () => ({ kind: "identity", identity: await testConnection(settingsOf(draft)) }));

  const change = (field: keyof Draft) => (event: { target: { value: string } }) => {
    setDraft((current) => ({ ...current, [field]: event.target.value }));
    setStatus({ kind: "idle" });
  };

  const profiles = view?.profiles ?? [];
  const profileChoices = draft.profile !== "" && !profiles.includes(draft.profile) ? [...profiles, draft.profile] : profiles;
  const busy = status.kind === "busy";
  const canSubmit = draft.region.trim() !== "" && !busy && view !== null;

  return (
    <section aria-labelledby="aws-settings-title" className="max-w-2xl space-y-4">
      <div>
        <h2 id="aws-settings-title" className="text-lg font-semibold">
          AWS
        </h2>
        <p id={ids.help} className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Switchyard calls AWS from its server only. Credentials are never entered or shown here: the server&apos;s AWS SDK
          default provider chain supplies them (environment variables, the shared config and credentials files and their
          profiles, SSO, container or instance roles).
        </p>
        {view?.source === "environment" && (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">These settings come from the server&apos;s environment until you save your own.</p>
        )}
      </div>
      {loadError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          Could not load the AWS settings: {loadError}
        </p>
      )}
      <form
        className="space-y-4"
        aria-describedby={ids.help}
        onSubmit={(event) => {
          event.preventDefault();
          if (canSubmit) void save();
        }}
      >
        <div>
          <label htmlFor={ids.region} className="block text-sm font-medium">
            Region
          </label>
          <input id={ids.region} list={ids.regions} required value={draft.region} onChange={change("region")} placeholder="us-east-1" className={input} autoComplete="off" />
          <datalist id={ids.regions}>
            {COMMON_REGIONS.map((region) => (
              <option key={region} value={region} />
            ))}
          </datalist>
        </div>
        <div>
          <label htmlFor={ids.profile} className="block text-sm font-medium">
            Profile
          </label>
          <select id={ids.profile} value={draft.profile} onChange={change("profile")} className={input}>
            <option value="">Default provider chain (no profile)</option>
            {profileChoices.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            {profiles.length === 0 ? "No profiles found in the server's shared config files." : `Profiles of the server's shared config files (${profiles.length}).`}
          </p>
        </div>
        <div>
          <label htmlFor={ids.endpoint} className="block text-sm font-medium">
            Endpoint override <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
          </label>
          <div className="flex gap-2">
            <input id={ids.endpoint} type="url" value={draft.endpoint} onChange={change("endpoint")} placeholder="https://vpce-….events.us-east-1.vpce.amazonaws.com" className={input} autoComplete="off" />
            <button type="button" className={`${button} whitespace-nowrap`} disabled={origin === ""} onClick={() => change("endpoint")({ target: { value: origin } })}>
              Use Switchyard&apos;s local EventBridge
            </button>
          </div>
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">Empty: AWS&apos;s public endpoint for the region. A VPC endpoint, or this app&apos;s own local EventBridge ({origin || "its origin"}).</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <button type="submit" disabled={!canSubmit} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 disabled:opacity-50">
            Save
          </button>
          <button type="button" disabled={!canSubmit} onClick={() => void test()} className={button}>
            Test connection
          </button>
          {view?.source === "saved" && (
            <button type="button" disabled={busy} onClick={() => void forget()} className={`${button} ml-auto`}>
              Forget saved settings
            </button>
          )}
        </div>
      </form>
      <ConnectionStatus status={status} />
    </section>
  );
}

function ConnectionStatus({ status }: { status: Status }) {
  return (
    <div role="status" data-testid="aws-connection-status" className="text-sm">
      {status.kind === "busy" && <p className="text-slate-600 dark:text-slate-400">{status.what}</p>}
      {status.kind === "saved" && <p className="text-emerald-700 dark:text-emerald-400">Saved.</p>}
      {status.kind === "cleared" && (
        <p>{status.fromEnvironment ? "Forgotten. The server's environment settings apply." : "Forgotten. AWS is not configured on this server until you save settings."}</p>
      )}
      {status.kind === "failed" && <p className="text-red-700 dark:text-red-400">{status.message}</p>}
      {status.kind === "identity" && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 rounded-md border border-emerald-200 bg-emerald-50 p-3 dark:border-emerald-900 dark:bg-emerald-950">
          <dt className="font-medium">Connected as</dt>
          <dd data-testid="aws-identity-arn" className="break-all font-mono">
            {status.identity.arn}
          </dd>
          <dt className="font-medium">Account</dt>
          <dd data-testid="aws-identity-account" className="font-mono">
            {status.identity.account}
          </dd>
        </dl>
      )}
    </div>
  );
}
