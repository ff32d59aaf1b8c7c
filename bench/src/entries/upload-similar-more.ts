// The upload + similar app with ten more operations of the kind an app adds next (details,
// collections, licensing, the user), across three tags: the size bench divides what they add by
// ten to give the cost of each further operation.
import { Credentials, createClient } from "@shutterkit/core";
import { getSimilarImages, uploadImage } from "@shutterkit/core/computer-vision";
import {
  addImageCollectionItems,
  createImageCollection,
  getImage,
  getImageCollectionList,
  getImageLicenseList,
  licenseImages,
  listImageCategories,
} from "@shutterkit/core/images";
import { getUser, getUserSubscriptionList } from "@shutterkit/core/users";
import { getVideo } from "@shutterkit/core/videos";

export const similarTo = async (token: string, base64: string) => {
  const client = createClient({ credentials: Credentials.oauth(token) });
  const { upload_id } = await client.send(uploadImage, { base64_image: base64 });
  return client.send(getSimilarImages, { asset_id: upload_id, per_page: 20 });
};

/** The ten further operations, each called once. */
export const more = async (token: string, id: string) => {
  const client = createClient({ credentials: Credentials.oauth(token) });
  const user = await client.send(getUser);
  const subscriptions = await client.send(getUserSubscriptionList);
  const image = await client.send(getImage, { id });
  const video = await client.send(getVideo, { id });
  const categories = await client.send(listImageCategories);
  const collection = await client.send(createImageCollection, { name: "picks" });
  await client.send(addImageCollectionItems, { items: [{ id }] }, { id: collection.id });
  const collections = await client.send(getImageCollectionList);
  const licensed = await client.send(licenseImages, {
    images: [{ image_id: id, subscription_id: subscriptions.data?.[0]?.id ?? "" }],
  });
  const licenses = await client.send(getImageLicenseList);
  return { user, image, video, categories, collections, licensed, licenses };
};
