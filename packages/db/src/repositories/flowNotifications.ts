/** The little of a `pg` client the flow events' dedicated connection needs. */
export interface NotificationClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

const CHANNEL = /^[a-z_][a-z0-9_]*$/;

/**
 * PostgreSQL only: the statements of the LISTEN/NOTIFY connection that carries flow events between
 * processes. It is a connection of its own (a LISTEN holds it), not one of MikroORM's pool.
 */
export function flowNotifications(client: NotificationClient) {
  return {
    async listen(channel: string): Promise<void> {
      // LISTEN takes no parameter: the name is checked instead.
      if (!CHANNEL.test(channel)) throw new Error(`invalid channel name: ${channel}`);
      await client.query(`listen ${channel}`);
    },
    /** Many NOTIFYs in one round trip. */
    async notifyAll(channel: string, payloads: readonly string[]): Promise<void> {
      await client.query("select pg_notify($1, p) from unnest($2::text[]) as p", [channel, payloads]);
    },
    /** The current version of each of these flows that still exists. */
    async versions(flowIds: readonly string[]): Promise<Map<string, number>> {
      const { rows } = await client.query("select id, version from flow where id = any($1::varchar[])", [flowIds]);
      return new Map((rows as Array<{ id: string; version: unknown }>).map((r) => [r.id, Number(r.version)]));
    },
    /** A round trip that proves the connection alive. */
    async ping(): Promise<void> {
      await client.query("select 1");
    },
  };
}
