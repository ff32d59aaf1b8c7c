// Counters that reliability tests read back through `GET /sandbox/stats`.

export interface SandboxStats {
  readonly since: string;
  readonly requests: number;
  /** Requests per operationId; sandbox routes count under their path (`/sandbox/media`). */
  readonly byOperation: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly licensesCreated: number;
  readonly downloadsServed: number;
  readonly faultsInjected: Readonly<Record<string, number>>;
}

export class StatsRecorder {
  private since: Date;
  private requests = 0;
  private byOperation: Record<string, number> = {};
  private byStatus: Record<string, number> = {};
  private licensesCreated = 0;
  private downloadsServed = 0;
  private faultsInjected: Record<string, number> = {};

  constructor(now: Date) {
    this.since = now;
  }

  request(key: string): void {
    this.requests++;
    this.byOperation[key] = (this.byOperation[key] ?? 0) + 1;
  }

  status(status: number): void {
    this.byStatus[String(status)] = (this.byStatus[String(status)] ?? 0) + 1;
  }

  licenses(count: number): void {
    this.licensesCreated += count;
  }

  download(): void {
    this.downloadsServed++;
  }

  fault(kind: string): void {
    this.faultsInjected[kind] = (this.faultsInjected[kind] ?? 0) + 1;
  }

  snapshot(): SandboxStats {
    return {
      since: this.since.toISOString(),
      requests: this.requests,
      byOperation: { ...this.byOperation },
      byStatus: { ...this.byStatus },
      licensesCreated: this.licensesCreated,
      downloadsServed: this.downloadsServed,
      faultsInjected: { ...this.faultsInjected },
    };
  }

  reset(now: Date): void {
    this.since = now;
    this.requests = 0;
    this.byOperation = {};
    this.byStatus = {};
    this.licensesCreated = 0;
    this.downloadsServed = 0;
    this.faultsInjected = {};
  }
}
