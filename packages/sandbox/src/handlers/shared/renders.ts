// Custom-music renders as time passes: each stage takes `renderStageMs`, then the render lists its WAV
// files behind signed URLs. Shared by the custom-music operations and the sandbox's render downloads.
import type { schemas } from "@shutterkit/core/generated";
import type { RenderState } from "../../state/model.ts";
import type { World } from "../../world.ts";

const STAGES = ["WAITING_COMPOSE", "RUNNING_COMPOSE", "WAITING_RENDER", "RUNNING_RENDER"] as const;
export const RENDER_SECONDS = 30;
const STEMS = ["drums", "bass", "melody"] as const;

const tempoOf = (timeline: schemas.AudioRenderTimeline): number =>
  timeline.spans?.find((span) => span.tempo !== undefined)?.tempo ?? 100;

export const renderFiles = (render: RenderState): Array<{ name: string; file: string; track: string }> =>
  render.preset === "STEMS_WAV"
    ? STEMS.map((stem) => ({ name: `${render.filename}-${stem}.wav`, file: stem, track: stem }))
    : [{ name: `${render.filename}.wav`, file: "master", track: "master" }];

export const renderPath = (render: RenderState, file: string): string =>
  `/sandbox/renders/${render.id}/${file}/${encodeURIComponent(renderFiles(render).find((entry) => entry.file === file)?.name ?? file)}`;

export const presentRender = async (
  world: World,
  origin: string,
  render: RenderState,
  now: Date,
): Promise<schemas.AudioRenderResult> => {
  const elapsed = now.getTime() - Date.parse(render.created_time);
  const stage = Math.floor(elapsed / world.config.renderStageMs);
  const timeline = render.timeline as schemas.AudioRenderTimeline;
  const base = {
    id: render.id,
    preset: render.preset,
    created_date: render.created_time,
    timeline,
  };
  if (stage < STAGES.length) {
    const status = STAGES[Math.max(0, stage)] ?? "WAITING_COMPOSE";
    return {
      ...base,
      status,
      progress_percent: Math.min(
        99,
        Math.max(0, Math.round((elapsed / (world.config.renderStageMs * STAGES.length)) * 100)),
      ),
      updated_date: new Date(
        Date.parse(render.created_time) + Math.max(0, stage) * world.config.renderStageMs,
      ).toISOString(),
      files: [],
    };
  }
  const expires = Math.floor(now.getTime() / 1000) + world.config.downloadTtlSeconds;
  const files = [];
  for (const entry of renderFiles(render)) {
    files.push({
      filename: entry.name,
      content_type: "audio/wav",
      download_url: `${origin}${await world.signer.sign(renderPath(render, entry.file), expires)}`,
      size_bytes: 44 + RENDER_SECONDS * 16_000 * 2,
      bits_sample: 16,
      frequency_hz: 16_000,
      kbits_second: 256,
      tracks: [entry.track],
    });
  }
  return {
    ...base,
    status: "CREATED",
    progress_percent: 100,
    updated_date: new Date(
      Date.parse(render.created_time) + STAGES.length * world.config.renderStageMs,
    ).toISOString(),
    files,
  };
};

export const renderTempo = (render: RenderState): number =>
  tempoOf(render.timeline as schemas.AudioRenderTimeline);
