// "Upload a picture, find similar images" through the modular Promise client: what an app that does
// only this ships (the two operations it imports, not the other 116).
import { Credentials, createClient } from "@shutterkit/core";
import { getSimilarImages, uploadImage } from "@shutterkit/core/computer-vision";

export const similarTo = async (token: string, base64: string) => {
  const client = createClient({ credentials: Credentials.oauth(token) });
  const { upload_id } = await client.send(uploadImage, { base64_image: base64 });
  return client.send(getSimilarImages, { asset_id: upload_id, per_page: 20 });
};
