// The AWS SNS trigger, checked against Amazon SNS's documented message signing: the fields of a notification or a
// subscription confirmation one per line in the documented order, signed SHA1withRSA (SignatureVersion 1) or
// SHA256withRSA (2) with the key of the certificate at SigningCertURL (signed here with node:crypto, with a
// certificate OpenSSL made), and the confirmation visited at its SubscribeURL.
import { createSign } from 'node:crypto';
import { buildWorkflow } from '@flowloom/engine/testing';
import { describe, expect, it } from 'vitest';
import { itRefusesCalls, itStartsNothingFor, webhookTestbed } from '../../testing/webhook-testbed.js';
import { awsSnsTopic, awsSnsTrigger } from './aws-sns-trigger.js';

/** A self-signed RSA certificate (OpenSSL, valid until 2126) and its key, standing in for SNS's: test material only, it protects nothing. */
const CERT = `-----BEGIN CERTIFICATE-----
MIIDHTCCAgWgAwIBAgIUAzrB9wfR6IFB25+eCSW/J3NBcbAwDQYJKoZIhvcNAQEL
BQAwHTEbMBkGA1UEAwwSc25zLmFtYXpvbmF3cy50ZXN0MCAXDTI2MTIwNzA3MTgy
OVoYDzIxMjYxMTEzMDcxODI5WjAdMRswGQYDVQQDDBJzbnMuYW1hem9uYXdzLnRl
c3QwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCqe0fr4Fe3UH1adaUz
dCKQVndE32mxTmnIWBVAkRfubLoXHPqnOUOINvfXyttt5L2aqCNN1jn1/df+3/JO
pHGJIeHy9F/3qw3FODjaKoVIoE8SxOimKALxMrJpsSO0A25me7bEiO+B/8EBV4fq
wUX2yiFmlBixJU/x/gmJmLU0M04zybK9PsvaszJjuKK4580dfeT6csUf1BhRXXgc
B/4vmpPcT/+o4oJdMjFl6pNZrl+efm4MQ66HApb3xrIDP8q2q8ZjwDwlJE6uwuZ/
soc+2GEP2VC5kAi95AeoCJrRP79vKnmAO838jmHuAMZgdpbMRz5WD/51ONA/BTDK
uK9BAgMBAAGjUzBRMB0GA1UdDgQWBBQIWG/xjEvsW9erNf1/pan6gH9sXDAfBgNV
HSMEGDAWgBQIWG/xjEvsW9erNf1/pan6gH9sXDAPBgNVHRMBAf8EBTADAQH/MA0G
CSqGSIb3DQEBCwUAA4IBAQAGpQSCYznLrppvKA9ZYUcY9JKDUynRk8M89xpaFn52
BnFA4xLGdpqOf5wLjJBYhPrEjvpqa0uPaJoq4MdI3Cpv76im/Q0fqRqDoE7gfk6w
3wJipX1hU4TPe6Hky6pYi1VLSeJYqg9T8htssbdxI2Ns3ILud3913skFfqlV8tOG
SAUSWBbQfKlN25tXe1RSVGSSKLLWRkd7/gJdJwckLGxlz0SuxfKyFmI2U2+e4BAL
M9YpLICPvGSBf26QP2xoWffAd7A1cEU1CIeRKG5Qr9T3qiYn2U5c+KmNt+H43rM4
vI+1XxSy8x/a66kokliNarn2ep0T1mhPg7RDc+G9uGsz
-----END CERTIFICATE-----
`;
const KEY = `-----BEGIN PRIVATE KEY-----
MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQCqe0fr4Fe3UH1a
daUzdCKQVndE32mxTmnIWBVAkRfubLoXHPqnOUOINvfXyttt5L2aqCNN1jn1/df+
3/JOpHGJIeHy9F/3qw3FODjaKoVIoE8SxOimKALxMrJpsSO0A25me7bEiO+B/8EB
V4fqwUX2yiFmlBixJU/x/gmJmLU0M04zybK9PsvaszJjuKK4580dfeT6csUf1BhR
XXgcB/4vmpPcT/+o4oJdMjFl6pNZrl+efm4MQ66HApb3xrIDP8q2q8ZjwDwlJE6u
wuZ/soc+2GEP2VC5kAi95AeoCJrRP79vKnmAO838jmHuAMZgdpbMRz5WD/51ONA/
BTDKuK9BAgMBAAECggEAAokpBqTYjyoqBCoA8B8Nis+zcFWBpCTUQVnwjnxeApKQ
0cpRPuKk2tJE/VtnyEadTJ8sv8IUjIB3KZQNjc6Hvww/SPKqOQQNBVKG03VrlDsI
tBD0XDDXCt0H/vcW3q0Io8r6KuoVxG1wQq+pbpQrgQ5MgQLpy1xAiDsg65BXPSiS
PSwzYRH9qwzBudSgxtdhWikdkQx1U/zhh93yc/jEr0+d7Id6lphiIyhU1NvmUz5D
ArvWoLgoAE0MfDB3to8sVkSy03h14T8DyUzOi890iMJyO/GGkTl8+d0YbLWoEC5N
0RCchOHFCVdTtO+Kk8y2LMkU6BVDTkuoi5zYwT3BcQKBgQDWGKHmnnIWxPJA4nJ9
JYNC868tKhlLNRDXH0krJYqS4gxFqzzaPN5k1ukEXwglN0n+ffvV4TuJSFkNCOK1
z+qYSE7UBdTmRPI7WhvJbsqtF3N/hNrxCHJbie2hIelFkLgPBcB6QTGS9fkqGhBF
M+KZV/SFoWjr7gg4bHh9FT5IkQKBgQDL2VIY9l/sG8OpR4mDF0yGedkIGRZUGShj
pd2G8J8XWAwA2J2YZRSl8S2e4tAQge2cZaJCaMUnVyu4c6//Jdq7HvZJ9CRDfNtB
phJZlZdim5stobUNYOfJs+cX1wkeo1t0or+i+MfHFcjkLorBITWzoKuhu53cXWkh
OuKcm8nTsQKBgCgWPqI+wp/uymlJvSQflP9BP2iWfFvvmLKe4gVZJyQvfRrCYEeA
pCd/cevmm1DUlF85WaEHZi1jRYFCS6i9QHC5AUGDwgRHno9sZM2HmB1mybJzvsbo
zPjEz6CfB92FpmDxs8NwV4br1XaDoM5EU8ZgiKFIwquCSzm9XaYWBy5xAoGBAKKD
p0fvY5nAqMSUG7U/JesvyS8DkSGKzQBkg6/ItYzOzQL/ruSH8WY6WLyK5oXCj8RX
4nw/Oq6aeGidEnq/mxoDHSboVODY8ZPs6kQxVnduxtAiU01PLHtJybrf3I1ofskF
1vH+lIbLf1UrJcPCziVeunY+NSQx9FZhs7hXGxiBAoGAKoLMxQVlS6MubYDrqQNs
9QngUq1kClAwVHt17zm9FsgjLLWFDmWvck0RrnxSAaNDiMlWcjinMvL7ebT7MLZq
o92Z7/a+U9YDBx9tBAvGlPQLHlOZM7LoPjGMj5lVgatdHmEC7bY9L911Sz0QTOs4
785k9bYFAmTnISLr3CrzGdw=
-----END PRIVATE KEY-----
`;

const SNS = 'sns.us-east-1.amazonaws.com';
const CERT_URL = `https://${SNS}/SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem`;
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:MyTopic';

/** The fields SNS signs, in the documented order, of a notification and of a confirmation. */
const SIGNED = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** A message as SNS signs it. */
function signed(fields: Record<string, string>, version: '1' | '2' = '1'): Record<string, string> {
  const text = SIGNED[fields['Type'] as keyof typeof SIGNED]
    .filter((name) => fields[name] !== undefined)
    .map((name) => `${name}\n${fields[name]}\n`)
    .join('');
  const signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
    .update(text)
    .sign(KEY, 'base64');
  return { ...fields, SignatureVersion: version, Signature: signature, SigningCertURL: CERT_URL };
}

/** A notification, as SNS's documentation shows one. */
const notification = (fields: Record<string, string> = {}) => ({
  Type: 'Notification',
  MessageId: '22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324',
  TopicArn: TOPIC,
  Subject: 'My First Message',
  Message: 'Hello world!',
  Timestamp: '2012-05-02T00:54:06.655Z',
  UnsubscribeURL: `https://${SNS}/?Action=Unsubscribe&SubscriptionArn=${TOPIC}:c9135db0-26c4-47ec-8998-413945fb5a96`,
  ...fields,
});

const TOKEN =
  '2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736';
const confirmation = (type: string) => ({
  Type: type,
  MessageId: '165545c9-2a5c-472c-8df2-7ff2be2b3b1b',
  Token: TOKEN,
  TopicArn: TOPIC,
  Message: `You have chosen to subscribe to the topic ${TOPIC}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
  SubscribeURL: `https://${SNS}/?Action=ConfirmSubscription&TopicArn=${TOPIC}&Token=${TOKEN}`,
  Timestamp: '2012-04-26T20:45:04.751Z',
});

/** A call as SNS makes it: the message as JSON, sent as text/plain. */
function call(message: Record<string, string>): Request {
  return new Request('https://hooks.example.com/webhook/sns/events', {
    method: 'POST',
    headers: {
      'content-type': 'text/plain; charset=UTF-8',
      'x-amz-sns-message-type': message['Type'] ?? '',
      'x-amz-sns-message-id': message['MessageId'] ?? '',
      'x-amz-sns-topic-arn': message['TopicArn'] ?? '',
      'user-agent': 'Amazon Simple Notification Service Agent',
    },
    body: JSON.stringify(message),
  });
}

const bed = webhookTestbed({
  hosts: [SNS],
  answers: (request) =>
    request.url.endsWith('.pem')
      ? { body: CERT }
      : {
          headers: { 'content-type': 'text/xml' },
          body: '<ConfirmSubscriptionResponse><ConfirmSubscriptionResult><SubscriptionArn>x</SubscriptionArn></ConfirmSubscriptionResult></ConfirmSubscriptionResponse>',
        },
  nodeTypes: [awsSnsTrigger],
  credentialTypes: [awsSnsTopic],
  credentials: [{ id: 'topic', type: 'awsSnsTopic', data: { topicArn: TOPIC } }],
  workflow: buildWorkflow({
    id: 'sns-messages',
    nodes: [{ id: 'trigger', type: awsSnsTrigger.type, parameters: { path: 'sns/events' }, credentials: { awsSnsTopic: 'topic' } }],
  }),
});

const CERT_FETCH = `GET /SimpleNotificationService-7ff5318490ec183fbaddaa2a969abfda.pem`;

describe('AWS SNS trigger', () => {
  it("runs for a notification signed with SNS's certificate, with the message as the item", async () => {
    await bed.take();
    const message = signed(notification());
    const { run } = await bed.runOnce(call(message));
    expect(run.nodes['trigger']![0]!.output['main']!.map((i) => i.json)).toEqual([message]);
    expect((await bed.take()).map((r) => `${r.method} ${r.path}`)).toEqual([CERT_FETCH]);
  });

  it('runs for a notification signed SHA256withRSA (SignatureVersion 2), without a subject', async () => {
    const { Subject: _subject, ...unnamed } = notification();
    const { run } = await bed.runOnce(call(signed(unnamed, '2')));
    expect(run.nodes['trigger']![0]!.output['main']![0]!.json).toMatchObject({ Message: 'Hello world!', SignatureVersion: '2' });
  });

  itRefusesCalls(
    bed,
    'refuses a tampered message, another topic, a certificate not from SNS and an unsigned call with 401, starting nothing',
    () => [
      {
        call: call({ ...signed(notification()), Message: 'Hello moon!' }),
        message: 'The call was refused: its SNS signature does not match',
      },
      {
        call: call(signed(notification({ TopicArn: 'arn:aws:sns:us-east-1:999999999999:Other' }))),
        message: `The call was refused: it is not of the topic ${TOPIC}`,
      },
      {
        call: call({ ...signed(notification()), SigningCertURL: 'https://sns.example.com/SimpleNotificationService-1.pem' }),
        message: 'The call was refused: its signing certificate is not served by Amazon SNS',
      },
      { call: call(notification()), message: 'The call was refused: its SignatureVersion is neither 1 nor 2' },
    ],
    { asks: [CERT_FETCH] },
  );

  itStartsNothingFor(
    bed,
    'confirms a signed subscription confirmation of the topic by visiting its SubscribeURL, without a run',
    () => call(signed(confirmation('SubscriptionConfirmation'))),
    {
      asks: [CERT_FETCH, 'GET /'],
    },
  );

  itStartsNothingFor(
    bed,
    'answers a signed unsubscription confirmation without a run, visiting nothing',
    () => call(signed(confirmation('UnsubscribeConfirmation'))),
    {
      asks: [CERT_FETCH],
    },
  );
});
