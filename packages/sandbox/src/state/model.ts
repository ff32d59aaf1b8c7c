// The sandbox's mutable world, kept as plain JSON so any store can persist it as one document.

export type MediaKind = "images" | "videos" | "audio";
export type LicenseKind = "images" | "videos" | "audio" | "editorial-images" | "editorial-videos" | "sfx";

export interface CollectionItemState {
  readonly id: string;
  readonly added_time: string;
}

export interface CollectionState {
  readonly id: string;
  name: string;
  readonly created_time: string;
  updated_time: string;
  items_updated_time: string;
  readonly share_code: string;
  items: CollectionItemState[];
}

export interface CatalogItemState {
  readonly id: string;
  readonly asset: { readonly id: string; readonly type: CatalogAssetType };
  readonly created_time: string;
  collection_ids: string[];
}

export type CatalogAssetType = "image" | "video" | "audio" | "editorial-image" | "editorial-video";

export interface CatalogCollectionState {
  readonly id: string;
  name: string;
  visibility: "private" | "public";
  readonly created_time: string;
  updated_time: string;
  cover_item_id?: string;
}

export interface SubscriptionState {
  readonly id: string;
  readonly asset_type: string;
  readonly description: string;
  readonly license: string;
  readonly downloads_limit: number;
  downloads_left: number;
  readonly start_time: string;
  readonly end_time: string;
  readonly formats: ReadonlyArray<{
    readonly media_type: "image" | "video" | "audio" | "editorial";
    readonly size: string;
    readonly format: string;
    readonly description: string;
    readonly min_resolution?: number;
  }>;
}

export interface LicenseState {
  readonly id: string;
  readonly kind: LicenseKind;
  readonly asset_id: string;
  readonly license: string;
  readonly size: string;
  readonly format: string;
  readonly subscription_id?: string;
  readonly download_time: string;
  readonly metadata?: Record<string, unknown>;
  readonly search_id?: string;
  readonly allotment_charge: number;
}

export interface UploadState {
  readonly id: string;
  readonly created_time: string;
  readonly width: number;
  readonly height: number;
  /** The visual descriptor, as plain numbers so it survives JSON. */
  readonly descriptor: number[];
}

export interface RenderState {
  readonly id: string;
  readonly created_time: string;
  readonly preset: "MASTER_MP3" | "MASTER_WAV" | "STEMS_WAV";
  readonly filename: string;
  readonly timeline: unknown;
}

export interface TokenState {
  readonly client_id: string;
  readonly scopes: string[];
  readonly realm: "customer" | "contributor";
  readonly created_time: string;
  /** Absent for tokens that never expire (the API's default). */
  readonly expires_at?: string;
  readonly refresh_token?: string;
  /** When `refresh_token` stops being accepted. */
  readonly refresh_expires_at?: string;
}

export interface AuthCodeState {
  readonly client_id: string;
  readonly redirect_uri: string;
  readonly scopes: string[];
  readonly realm: "customer" | "contributor";
  readonly expires_at: string;
}

export interface SandboxState {
  version: 1;
  seed: number;
  /** Signs download URLs; random per sandbox and persisted so issued URLs survive restarts. */
  secret: string;
  counter: number;
  collections: Record<MediaKind, Record<string, CollectionState>>;
  catalogCollections: Record<string, CatalogCollectionState>;
  catalogItems: Record<string, CatalogItemState>;
  subscriptions: SubscriptionState[];
  licenses: LicenseState[];
  uploads: Record<string, UploadState>;
  renders: Record<string, RenderState>;
  tokens: Record<string, TokenState>;
  authCodes: Record<string, AuthCodeState>;
  /** Live refresh tokens, each to the access token it was issued with; a used one is removed (rotation). */
  refreshTokens: Record<string, string>;
}
