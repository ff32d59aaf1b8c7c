// Custom music: descriptors and instruments to compose with, and renders that move through the
// API's statuses as time passes (shared/renders.ts) until their files can be fetched.
import { CUSTOM_MUSIC_DESCRIPTORS, CUSTOM_MUSIC_INSTRUMENTS } from "../catalog/vocab.ts";
import { mediaBase } from "../present/assets.ts";
import { paginate } from "../search/common.ts";
import { ApiError, notFound } from "../server/errors.ts";
import { nextId } from "../state/initial.ts";
import type { RenderState } from "../state/model.ts";
import { own } from "../state/own.ts";
import type { HandlersOf } from "../world.ts";
import { presentRender } from "./shared/renders.ts";

export const customMusicHandlers = {
  listCustomDescriptors: ({ params, origin }) => {
    const tag = params.tag?.toLowerCase();
    const found = CUSTOM_MUSIC_DESCRIPTORS.filter(
      (descriptor) =>
        (params.id === undefined || params.id.length === 0 || params.id.includes(descriptor.id)) &&
        (params.name === undefined || descriptor.name.toLowerCase().includes(params.name.toLowerCase())) &&
        (tag === undefined || descriptor.tags.some((entry) => entry.toLowerCase() === tag)) &&
        (params.tempo === undefined || (params.tempo >= descriptor.min && params.tempo <= descriptor.max)) &&
        (params.tempo_from === undefined || descriptor.max >= params.tempo_from) &&
        (params.tempo_to === undefined || descriptor.min <= params.tempo_to) &&
        (params.band_id === undefined || params.band_id.startsWith(descriptor.id)) &&
        (params.instrument_id === undefined ||
          CUSTOM_MUSIC_INSTRUMENTS.some((instrument) => instrument.id === params.instrument_id)),
    );
    const page = paginate(found, params.page, params.per_page);
    return {
      page: page.page,
      per_page: page.per_page,
      data: page.data.map((descriptor, index) => ({
        id: descriptor.id,
        name: descriptor.name,
        tags: [...descriptor.tags],
        min_tempo: descriptor.min,
        max_tempo: descriptor.max,
        average_render_speed: 6 + index,
        bands: [1, 2].map((band) => ({
          id: `${descriptor.id}_band_${band}`,
          name: `${descriptor.name} Band ${band}`,
        })),
        instruments: CUSTOM_MUSIC_INSTRUMENTS.slice(index % 4, (index % 4) + 3).map((instrument) => ({
          id: instrument.id,
          name: instrument.name,
        })),
        previews: [
          {
            content_type: "audio/mp3" as const,
            url: `${mediaBase(origin)}/custom/${descriptor.id}/preview.wav`,
          },
        ],
      })),
    };
  },
  listCustomInstruments: ({ params, origin }) => {
    const tag = params.tag?.toLowerCase();
    const found = CUSTOM_MUSIC_INSTRUMENTS.filter(
      (instrument) =>
        (params.id === undefined || params.id.length === 0 || params.id.includes(instrument.id)) &&
        (params.name === undefined || instrument.name.toLowerCase().includes(params.name.toLowerCase())) &&
        (tag === undefined || instrument.tags.some((entry) => entry.toLowerCase() === tag)),
    );
    const page = paginate(found, params.page, params.per_page);
    return {
      page: page.page,
      per_page: page.per_page,
      data: page.data.map((instrument) => ({
        id: instrument.id,
        name: instrument.name,
        tags: [...instrument.tags],
        previews: [
          {
            content_type: "audio/mp3" as const,
            url: `${mediaBase(origin)}/custom/${instrument.id}/preview.wav`,
          },
        ],
      })),
    };
  },
  createAudioRenders: async ({ world, origin, body, now }) => {
    const known = new Set<string>(CUSTOM_MUSIC_DESCRIPTORS.map((descriptor) => descriptor.id));
    const problems = body.audio_renders.flatMap((render, index) =>
      (render.timeline.spans ?? []).flatMap((span, spanIndex) =>
        (span.regions ?? []).flatMap((region, regionIndex) =>
          known.has(region.descriptor)
            ? []
            : [
                {
                  code: "VALIDATION_INVALID_VALUE",
                  message: `Unknown descriptor ${region.descriptor}`,
                  path: `$.body.audio_renders[${index}].timeline.spans[${spanIndex}].regions[${regionIndex}].descriptor`,
                },
              ],
        ),
      ),
    );
    if (problems.length > 0) throw new ApiError(400, "Validation failed", problems);
    const renders = await world.queue.mutate((state) =>
      body.audio_renders.map((request) => {
        const render: RenderState = {
          id: nextId(state, "render"),
          created_time: now.toISOString(),
          preset: request.preset,
          filename: request.filename,
          timeline: request.timeline,
        };
        state.renders[render.id] = render;
        return render;
      }),
    );
    const out = [];
    for (const render of renders) out.push(await presentRender(world, origin, render, now));
    return { audio_renders: out };
  },
  fetchRenders: async ({ world, origin, params, now }) => {
    const out = [];
    for (const id of params.id) {
      const render = own(world.queue.state.renders, id);
      if (render === undefined) throw notFound(`Render not found: ${id}`);
      out.push(await presentRender(world, origin, render, now));
    }
    return { audio_renders: out };
  },
} satisfies HandlersOf<"custom_music">;
