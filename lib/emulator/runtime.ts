/**
 * The local EventBridge of this process: its database, settings, per-bus rule machines, the
 * delivery dispatcher, the replay runner and EventBridge Scheduler's schedules. One per process and database (cached on globalThis
 * like the Prisma client, so dev reloads do not start a second dispatcher).
 */
import { getDb, type Db } from "../db";
import { configuredDatabaseUrl, databaseProvider, sqliteFilePath } from "../db/provider";
import { busArn, DEFAULT_BUS, DEFAULT_SCHEDULE_GROUP, scheduleGroupArn, type Scope } from "../arn";
import { readBusConfig, type BusConfig } from "./config";
import { describeForLog } from "./protocol/errors";
import { Dispatcher } from "./events/delivery";
import { EventWriter } from "./events/event-writer";
import type { IngestDeps } from "./events/ingest";
import { BusMatchers } from "./events/matchers";
import { ReplayRunner } from "./events/replay-runner";
import { PrismaRowStore, SqliteRowStore, type RowStore } from "./events/row-store";
import { RuleSchedules } from "./events/rule-schedules";
import { RuleTargets } from "./events/rule-targets";
import { systemClock, type Clock } from "../schedule";
import { ScheduleRunner } from "./scheduler/runner";
import { LocalQueues } from "./sqs/queues";
import { PipeService } from "./pipes/service";

export class BusRuntime implements IngestDeps {
  readonly matchers: BusMatchers;
  readonly writer: EventWriter;
  readonly targets: RuleTargets;
  readonly dispatcher: Dispatcher;
  readonly replays: ReplayRunner;
  /** Schedule rules, firing on `clock`. */
  readonly schedules: RuleSchedules;
  /** EventBridge Scheduler's schedules, firing on `clock`. */
  readonly scheduler: ScheduleRunner;
  /** SQS queues of the local endpoint (in memory: see sqs/queues.ts). */
  readonly queues: LocalQueues;
  /** EventBridge Pipes at work (pipes/service.ts). */
  readonly pipes: PipeService;
  private readonly accountsReady = new Map<string, Promise<void>>();
  /** Buses known to exist, so PutEvents does not read the bus table for every entry. */
  private readonly knownBuses = new Set<string>();

  constructor(
    readonly db: Db,
    readonly config: BusConfig,
    private readonly store: RowStore = new PrismaRowStore(db),
    readonly clock: Clock = systemClock,
  ) {
    this.matchers = new BusMatchers(db);
    this.writer = new EventWriter(store);
    this.targets = new RuleTargets(db);
    this.queues = new LocalQueues(config.region);
    this.dispatcher = new Dispatcher(this, config.retryBaseMs, config.allowedOutboundHosts, clock);
    this.replays = new ReplayRunner(this, () => this.dispatcher.wake());
    this.schedules = new RuleSchedules(this, clock, () => this.dispatcher.wake());
    this.scheduler = new ScheduleRunner(this, clock, () => this.dispatcher.wake());
    this.pipes = new PipeService(this);
  }

  /** The runtime for a database URL: migrated, SQLite tuned and written through its own connection. */
  static async open(url: string, config: BusConfig, clock: Clock = systemClock): Promise<BusRuntime> {
    const db = await getDb(url);
    if (databaseProvider(url) !== "sqlite") return new BusRuntime(db, config, new PrismaRowStore(db), clock);
    await prepareSqlite(db);
    return new BusRuntime(db, config, new SqliteRowStore(sqliteFilePath(url)), clock);
  }

  /** Starts delivering, replaying and firing schedules; the default account's default bus exists from the start. */
  start(): void {
    this.dispatcher.start();
    this.replays.start();
    this.schedules.start();
    this.scheduler.start();
    this.pipes.start().catch((error: unknown) => console.error(`[pipes] could not resume the running pipes: ${describeForLog(error)}`));
    this.ensureAccount(this.scopeFor(undefined)).catch((error: unknown) =>
      console.error(`[bus] could not create the default bus: ${describeForLog(error)}`),
    );
  }

  /** Stops the background work; resolves once deliveries under way have finished. */
  async stop(): Promise<void> {
    await Promise.all([this.replays.stop(), this.dispatcher.stop(), this.schedules.stop(), this.scheduler.stop(), this.pipes.stop()]);
    await this.store.close();
  }

  /** The scope of a caller: a 12-digit access key id names the account, as LocalStack does. */
  scopeFor(accessKeyId: string | undefined): Scope {
    const account = accessKeyId !== undefined && /^\d{12}$/.test(accessKeyId) ? accessKeyId : this.config.defaultAccount;
    return { account, region: this.config.region };
  }

  /** The caller's scope, its account's default bus created. */
  async readyScopeFor(accessKeyId: string | undefined): Promise<Scope> {
    const scope = this.scopeFor(accessKeyId);
    await this.ensureAccount(scope);
    return scope;
  }

  async busExists(arn: string): Promise<boolean> {
    if (this.knownBuses.has(arn)) return true;
    const found = (await this.db.eventBus.findUnique({ where: { arn }, select: { arn: true } })) !== null;
    if (found) this.knownBuses.add(arn);
    return found;
  }

  busDeleted(arn: string): void {
    this.knownBuses.delete(arn);
    this.matchers.busDeleted(arn);
  }

  /** Every account has its default bus and its default schedule group from the start. */
  ensureAccount(scope: Scope): Promise<void> {
    let ready = this.accountsReady.get(scope.account);
    if (ready === undefined) {
      const arn = busArn(scope, DEFAULT_BUS);
      const group = scheduleGroupArn(scope, DEFAULT_SCHEDULE_GROUP);
      ready = Promise.all([
        this.db.eventBus.upsert({ where: { arn }, create: { arn, account: scope.account, name: DEFAULT_BUS }, update: {} }),
        this.db.scheduleGroup.upsert({ where: { arn: group }, create: { arn: group, account: scope.account, name: DEFAULT_SCHEDULE_GROUP }, update: {} }),
      ]).then(() => undefined);
      this.accountsReady.set(scope.account, ready);
      ready.catch(() => this.accountsReady.delete(scope.account));
    }
    return ready;
  }
}

const globalCache = globalThis as typeof globalThis & { __switchyardBus?: Map<string, Promise<BusRuntime>> };
const runtimes: Map<string, Promise<BusRuntime>> = (globalCache.__switchyardBus ??= new Map());

/**
 * SQLite in write-ahead-log mode with `synchronous = FULL` for Prisma's connection; the event
 * writer's connection syncs the WAL itself, off the event loop (row-store.ts). Either way PutEvents
 * answers only after the WAL is synced, so an acknowledged event survives an OS crash or power
 * loss too, not just the process being killed. Concurrent PutEvents share one commit
 * (event-writer.ts), which keeps the fsyncs few. Two connections write (Prisma's and the event
 * writer's), so each waits for the other's lock instead of failing.
 */
async function prepareSqlite(db: Db): Promise<void> {
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = FULL");
  await db.$queryRawUnsafe("PRAGMA busy_timeout = 5000");
}

/** The started runtime for the app's database. */
export function getBusRuntime(url: string = configuredDatabaseUrl()): Promise<BusRuntime> {
  let runtime = runtimes.get(url);
  if (runtime === undefined) {
    runtime = BusRuntime.open(url, readBusConfig()).then((created) => {
      created.start();
      return created;
    });
    runtimes.set(url, runtime);
    runtime.catch(() => runtimes.delete(url));
  }
  return runtime;
}

/** Stops and forgets the runtime(s); for tests and scripts. */
export async function stopBusRuntime(url?: string): Promise<void> {
  for (const key of url === undefined ? [...runtimes.keys()] : [url]) {
    const runtime = runtimes.get(key);
    runtimes.delete(key);
    await runtime?.then((r) => r.stop()).catch(() => {});
  }
}
