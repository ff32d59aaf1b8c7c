// Real, playable audio for previews and downloads: a seeded little tune (music) or a shaped noise
// and tone gesture (sound effects), written as 16-bit mono PCM WAV.
import { makeRng } from "../random.ts";

export const SAMPLE_RATE = 16_000;

export interface ToneSpec {
  readonly seed: string;
  readonly kind: "music" | "sfx";
  readonly seconds: number;
  /** Beats per minute, for music. */
  readonly bpm?: number;
}

const SCALES = [
  [0, 2, 4, 5, 7, 9, 11],
  [0, 2, 3, 5, 7, 8, 10],
  [0, 2, 4, 7, 9],
  [0, 3, 5, 7, 10],
];

const musicSamples = (spec: ToneSpec, samples: Float32Array): void => {
  const rng = makeRng(spec.seed);
  const bpm = spec.bpm ?? 100;
  const beat = Math.max(1, Math.round((SAMPLE_RATE * 60) / bpm));
  const scale = rng.pick(SCALES) ?? [0, 2, 4, 5, 7, 9, 11];
  const root = 48 + rng.int(0, 11);
  const freq = (midi: number) => 440 * 2 ** ((midi - 69) / 12);
  const brightness = 0.2 + rng.next() * 0.5;
  let phase = 0;
  let bassPhase = 0;
  let note = freq(root + 12);
  let bass = freq(root - 12);
  for (let index = 0; index < samples.length; index++) {
    const inBeat = index % beat;
    if (inBeat === 0) {
      const degree = scale[rng.int(0, scale.length - 1)] ?? 0;
      note = freq(root + 12 + degree + (rng.chance(0.2) ? 12 : 0));
      if ((index / beat) % 4 === 0) bass = freq(root - 12 + (rng.pick(scale) ?? 0));
    }
    const envelope = Math.exp((-3 * inBeat) / beat);
    phase += (2 * Math.PI * note) / SAMPLE_RATE;
    bassPhase += (2 * Math.PI * bass) / SAMPLE_RATE;
    const lead = Math.sin(phase) + brightness * Math.sin(2 * phase) + brightness * 0.5 * Math.sin(3 * phase);
    const kick =
      inBeat < beat / 8 ? Math.sin((2 * Math.PI * 55 * inBeat) / SAMPLE_RATE) * (1 - (8 * inBeat) / beat) : 0;
    samples[index] = 0.28 * envelope * lead + 0.22 * Math.sin(bassPhase) + 0.35 * kick;
  }
};

const sfxSamples = (spec: ToneSpec, samples: Float32Array): void => {
  const rng = makeRng(spec.seed);
  const startFreq = 80 + rng.next() * 1800;
  const endFreq = 80 + rng.next() * 1800;
  const noise = rng.next();
  const pulses = rng.int(1, 6);
  let phase = 0;
  let lowpass = 0;
  for (let index = 0; index < samples.length; index++) {
    const t = index / samples.length;
    const pulse = (t * pulses) % 1;
    const envelope = Math.sin(Math.PI * Math.min(1, t * 1.05)) * Math.exp(-3 * pulse);
    const frequency = startFreq + (endFreq - startFreq) * t;
    phase += (2 * Math.PI * frequency) / SAMPLE_RATE;
    lowpass += 0.15 * (rng.next() * 2 - 1 - lowpass);
    samples[index] = envelope * ((1 - noise) * Math.sin(phase) + noise * 2.5 * lowpass) * 0.6;
  }
};

export const synthesize = (spec: ToneSpec): Float32Array => {
  const samples = new Float32Array(Math.max(1, Math.round(spec.seconds * SAMPLE_RATE)));
  if (spec.kind === "music") musicSamples(spec, samples);
  else sfxSamples(spec, samples);
  return samples;
};

export const encodeWav = (samples: Float32Array, sampleRate = SAMPLE_RATE): Uint8Array => {
  const dataBytes = samples.length * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let index = 0; index < text.length; index++) bytes[offset + index] = text.charCodeAt(index);
  };
  ascii(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, "WAVE");
  ascii(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  ascii(36, "data");
  view.setUint32(40, dataBytes, true);
  for (let index = 0; index < samples.length; index++) {
    const value = Math.max(-1, Math.min(1, samples[index] ?? 0));
    view.setInt16(44 + index * 2, Math.round(value * 32_767), true);
  }
  return bytes;
};

/** Peak amplitude per column, for waveform pictures. */
export const peaks = (samples: Float32Array, columns: number): Float32Array => {
  const out = new Float32Array(columns);
  const step = samples.length / columns;
  for (let column = 0; column < columns; column++) {
    let peak = 0;
    const end = Math.min(samples.length, Math.floor((column + 1) * step));
    for (let index = Math.floor(column * step); index < end; index++)
      peak = Math.max(peak, Math.abs(samples[index] ?? 0));
    out[column] = peak;
  }
  return out;
};
