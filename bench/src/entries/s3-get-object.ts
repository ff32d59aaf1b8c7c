// Anchor from issue 20: the AWS SDK v3 S3 client for one `GetObjectCommand`, as a new user writes it.
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";

export const getObject = (bucket: string, key: string) =>
  new S3Client({ region: "us-east-1" }).send(new GetObjectCommand({ Bucket: bucket, Key: key }));
