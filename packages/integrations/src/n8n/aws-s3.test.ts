// n8n's AWS S3 and S3 nodes imported with the integrations' mappings: real corpus nodes become Flowloom S3 nodes, and an
// imported upload sends S3 the PutObject call its API reference documents for what the n8n node's parameters mean
// (PUT /<key> on the bucket's host, the file as the body, the storage class in x-amz-storage-class).
import { describe, expect, it } from 'vitest';
import { fixtureNode, importAfterTrigger } from '../testing/n8n-import.js';
import type { NormalizedRequest } from '../testing/service-harness.js';
import { runInEngineAndCli, serviceTestbed } from '../testing/service-testbed.js';
import { s3 } from '../services/aws-s3/aws-s3.js';

const credential = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const BUCKET_HOST = 'textract-demodata.s3.us-east-1.amazonaws.com';

/** The request with the header S3 reads the storage class from. */
type S3Request = NormalizedRequest & { storageClass: string | undefined };

const bed = serviceTestbed<S3Request>(s3, {
  name: 'AWS S3',
  answers: (request) => (request.method === 'PUT' ? { headers: { etag: '"0f343b0931126a20f133d67c2b018a3b"' }, body: '' } : undefined),
  hosts: [BUCKET_HOST],
  credentials: [{ id: 'aws', type: 'awsS3Api', data: credential }],
  read: (request, raw) => ({ ...request, storageClass: raw.headers['x-amz-storage-class'] as string | undefined }),
});

const INVOICE = 'stand-in invoice scan';
const invoiceItem = { json: {}, binary: { data: { data: btoa(INVOICE), mimeType: 'image/jpeg', fileName: 'invoice-7.jpg' } } };

describe("n8n's AWS S3 node, imported", () => {
  it('makes a corpus upload of a binary file a Flowloom object put under the file name given, with its credential', () => {
    const { node, report } = importAfterTrigger(fixtureNode('0148_Awstextract_Telegram_Automate_Triggered.json', 'AWS S3'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.s3',
      parameters: { resource: 'object', operation: 'put', bucket: 'textract-demodata', key: '{{ $string($binary.data.fileName) }}' },
      credentials: { awsS3Api: '9' },
    });
  });

  it("names n8n's storage class as S3 does", () => {
    const { node } = importAfterTrigger(fixtureNode('0592_Stopanderror_Awss3_Automation_Webhook.json', 'Upload to S3 Bucket*'));
    expect(node?.parameters).toMatchObject({ operation: 'put', key: '{{ $string($json._s3_path) }}', storageClass: 'INTELLIGENT_TIERING' });
  });

  it('makes a download with no operation written (n8n\u2019s default) a Flowloom object get of that key', () => {
    const { node } = importAfterTrigger(fixtureNode('0112_Manual_Awstextract_Automate_Triggered.json', 'AWS S3'));
    expect(node?.parameters).toEqual({
      resource: 'object',
      operation: 'get',
      bucket: 'textract-demodata',
      key: 'Rechnung.jpg',
      binaryProperty: 'data',
    });
  });

  it('makes a listing of a bucket a Flowloom object list of the same size', () => {
    const { node } = importAfterTrigger(fixtureNode('0149_Awss3_Wait_Automate_Triggered.json', 'AWS S3 2'));
    expect(node?.parameters).toEqual({ resource: 'object', operation: 'list', bucket: 'mybucket', limit: 100 });
  });

  it('keeps an upload of text written in the node, with tags, as a placeholder naming the parameter', () => {
    const { report } = importAfterTrigger(fixtureNode('0149_Awss3_Wait_Automate_Triggered.json', 'AWS S3 1'));
    expect(report.placeholders).toMatchObject([{ cause: 'parameters', parameter: 'binaryData' }]);
  });

  it("makes an S3 node's upload (an S3-compatible store) the same put, its s3 credential in the access key slot", () => {
    const { node, report } = importAfterTrigger(fixtureNode('1455_Respondtowebhook_Form_Automation_Webhook.json', 'Upload image to S3'));
    expect(report.placeholders).toEqual([]);
    expect(node).toMatchObject({
      type: 'integrations.s3',
      parameters: { operation: 'put', bucket: 'flux-generator', key: 'fg-{{js: $execution.id }}.jpg' },
      credentials: { awsS3Api: 'HZqaz9hPFlZp3BZ7' },
    });
  });

  it.each([
    ['as written in the corpus', {}, undefined],
    ["with the storage class of 'Upload to S3 Bucket*'", { storageClass: 'intelligentTiering' }, 'INTELLIGENT_TIERING'],
  ])('uploads the item\u2019s file as the PutObject call S3 documents, %s', async (_, additionalFields, storageClass) => {
    const corpus = fixtureNode('0148_Awstextract_Telegram_Automate_Triggered.json', 'AWS S3');
    const { workflow } = importAfterTrigger({
      ...corpus,
      parameters: { ...corpus.parameters, additionalFields },
      credentials: { aws: { id: 'aws', name: 'AWS' } },
    });
    const { requests } = await runInEngineAndCli(bed, workflow, {
      credentials: [{ id: 'aws', type: 'awsS3Api', data: credential }],
      input: [invoiceItem],
      compare: 'service',
      // Each run signs at its own time.
      normalize: (request) => ({ ...request, auth: request.auth?.replace(/, Signature=\w+$/, '') }),
    });
    expect(requests).toEqual([
      {
        method: 'PUT',
        path: '/invoice-7.jpg',
        query: { 'x-id': 'PutObject' },
        auth: expect.stringMatching(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/s3\/aws4_request, /) as unknown,
        contentType: 'image/jpeg',
        body: INVOICE,
        storageClass,
      },
    ]);
  });
});
