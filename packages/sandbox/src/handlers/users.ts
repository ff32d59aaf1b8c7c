// The sandbox user, their subscriptions, and what their access token carries.
import { forbidden } from "../server/errors.ts";
import { SANDBOX_USER } from "../state/initial.ts";
import type { HandlersOf } from "../world.ts";

export const userHandlers = {
  getUser: () => ({
    id: SANDBOX_USER.id,
    username: SANDBOX_USER.username,
    email: SANDBOX_USER.email,
    first_name: SANDBOX_USER.first_name,
    last_name: SANDBOX_USER.last_name,
    full_name: `${SANDBOX_USER.first_name} ${SANDBOX_USER.last_name}`,
    customer_id: SANDBOX_USER.customer_id,
    language: SANDBOX_USER.language,
    is_premier: false,
    is_premier_parent: false,
    only_enhanced_license: false,
    only_sensitive_use: false,
    premier_permissions: [],
  }),
  getUserSubscriptionList: ({ world }) => {
    const subscriptions = world.queue.state.subscriptions;
    return {
      data: subscriptions.map((subscription) => ({
        id: subscription.id,
        asset_type: subscription.asset_type,
        description: subscription.description,
        license: subscription.license,
        expiration_time: subscription.end_time,
        allotment: {
          downloads_left: subscription.downloads_left,
          downloads_limit: subscription.downloads_limit,
          start_time: subscription.start_time,
          end_time: subscription.end_time,
        },
        formats: subscription.formats.map((format) => ({ ...format })),
        metadata: {},
      })),
      page: 1,
      per_page: subscriptions.length,
      total_count: subscriptions.length,
    };
  },
  getAccessToken: ({ principal, now }) => {
    if (principal === undefined || principal.scheme !== "oauth")
      throw forbidden("Forbidden: not an OAuth access token");
    return {
      client_id: principal.clientId,
      customer_id: SANDBOX_USER.customer_id,
      user_id: SANDBOX_USER.id,
      username: SANDBOX_USER.username,
      realm: principal.realm,
      scopes: [...principal.scopes],
      ...(principal.expiresAt === undefined
        ? {}
        : { expires_in: Math.max(0, Math.floor((principal.expiresAt - now.getTime()) / 1000)) }),
    };
  },
} satisfies HandlersOf<"users">;
