// Anchor from issue 20: openai-node for one `images.generate` call, as a new user writes it.
import OpenAI from "openai";

export const generate = (apiKey: string, prompt: string) =>
  new OpenAI({ apiKey, dangerouslyAllowBrowser: true }).images.generate({ model: "gpt-image-1", prompt });
