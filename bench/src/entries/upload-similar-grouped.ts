// The same two calls through the grouped client, which holds every operation under its tag.
import { Credentials, createShutterstock } from "@shutterkit/core";

export const similarTo = async (token: string, base64: string) => {
  const client = createShutterstock({ credentials: Credentials.oauth(token) });
  const { upload_id } = await client.computerVision.uploadImage({ base64_image: base64 });
  return client.computerVision.getSimilarImages({ asset_id: upload_id, per_page: 20 });
};
