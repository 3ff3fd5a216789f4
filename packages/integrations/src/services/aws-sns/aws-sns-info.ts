// What the palette needs of Amazon SNS, without loading its trigger (its credential type is in aws-sns-credentials.ts).
import { monogram } from '../../kit/icons.js';

/** Amazon SNS as the palette lists it. */
export const awsSnsInfo = {
  id: 'awsSns',
  displayName: 'AWS SNS',
  description: 'Start workflows with the messages published to an Amazon SNS topic, delivered to an HTTPS subscription.',
  icon: monogram('SNS', 'E7157B'),
  docsUrl: 'https://docs.aws.amazon.com/sns/latest/dg/sns-http-https-endpoint-as-subscriber.html',
};
