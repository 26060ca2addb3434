/**
 * The output object of a batch item, written so that it appears whole or not at all: its bytes
 * (JSON lines, or an Avro container's header and blocks) are gathered into parts of `partBytes` and sent as a multipart upload, which S3 makes visible under
 * the key only when it is completed; an output smaller than one part goes in one PutObject. A
 * retried item therefore replaces its earlier output (same key) and never adds to it, and a
 * failed one leaves the key as it was (the upload is aborted; a bucket lifecycle rule for
 * incomplete uploads cleans up after a function that was killed). At most one part is in flight
 * while the next fills, so memory is about two parts whatever the output's size.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';

/** S3's smallest part, except the last. */
export const MIN_PART_BYTES = 5 << 20;

export class ObjectWriter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private uploadId: string | null = null;
  private readonly parts: { PartNumber: number; ETag: string }[] = [];
  private inFlight: Promise<void> | null = null;
  /** Bytes written to S3 so far (parts sent) and gathered. */
  bytes = 0;

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    readonly key: string,
    private readonly partBytes: number,
    /** The object's Content-Type: application/x-ndjson or avro/binary. */
    private readonly contentType: string,
    private readonly signal?: AbortSignal,
  ) {}

  async write(data: string | Buffer): Promise<void> {
    if (data.length === 0) return;
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    this.bytes += bytes.length;
    if (this.pendingBytes >= this.partBytes) await this.sendPart();
  }

  /** Makes the object visible under its key. */
  async close(): Promise<void> {
    if (this.uploadId === null) {
      await this.client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: this.key, Body: this.take(), ContentType: this.contentType }),
        { abortSignal: this.signal },
      );
      return;
    }
    if (this.pendingBytes > 0) await this.sendPart();
    await this.inFlight;
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.key,
        UploadId: this.uploadId,
        MultipartUpload: { Parts: this.parts },
      }),
      { abortSignal: this.signal },
    );
    this.uploadId = null;
  }

  /** Drops the parts sent so far; the key keeps what it held before. Best effort: the caller's error matters more. */
  async abort(): Promise<string | null> {
    const uploadId = this.uploadId;
    this.uploadId = null;
    this.pending = [];
    await this.inFlight?.catch(() => {});
    if (uploadId === null) return null;
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, UploadId: uploadId }),
      );
      return null;
    } catch (e) {
      return `could not abort the multipart upload ${uploadId} of s3://${this.bucket}/${this.key}: ${(e as Error).message}`;
    }
  }

  private take(): Buffer {
    const body = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingBytes = 0;
    return body;
  }

  private async sendPart(): Promise<void> {
    if (this.uploadId === null) {
      const created = await this.client.send(
        new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: this.key, ContentType: this.contentType }),
        { abortSignal: this.signal },
      );
      this.uploadId = created.UploadId!;
    }
    // The previous part must be sent before this one is taken: two parts in memory at most.
    await this.inFlight;
    const body = this.take();
    const partNumber = this.parts.length + 1;
    const uploadId = this.uploadId;
    const slot = { PartNumber: partNumber, ETag: '' };
    this.parts.push(slot);
    const sending = this.client
      .send(
        new UploadPartCommand({
          Bucket: this.bucket,
          Key: this.key,
          UploadId: uploadId,
          PartNumber: partNumber,
          Body: body,
        }),
        { abortSignal: this.signal },
      )
      .then((r) => {
        slot.ETag = r.ETag!;
      });
    // A failure surfaces at the next await of inFlight (the next part or close), not unhandled.
    sending.catch(() => {});
    this.inFlight = sending;
  }
}
