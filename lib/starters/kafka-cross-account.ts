/**
 * Starter 5: a Lambda function in the consumer account reads the topic `customer` of an MSK
 * cluster in the producer account through an event source mapping, and writes CSV files to S3.
 */
import type { Design, SampleEvent } from "@/lib/graph";
import { encodeBase64Utf8 as base64, utf8Bytes as bytes } from "@/lib/streams/base64";
import { at, design, verdicts, lambda, sample } from "./build";

export const PRODUCER_ACCOUNT = "111111111111";
export const CONSUMER_ACCOUNT = "222222222222";

interface Customer {
  id: string;
  firstname: string;
  lastname: string;
  company: string;
  street: string;
  city: string;
  state: string;
  zip: string;
  email: string;
}


/** A record as Lambda receives it from MSK: key and value base64, header values as byte arrays. */
function kafkaRecord(partition: number, offset: number, timestamp: number, key: string, value: string): string {
  const record = {
    topic: "customer",
    partition,
    offset,
    timestamp,
    timestampType: "CREATE_TIME",
    key: base64(key),
    value: base64(value),
    headers: [{ "content-type": bytes("application/json") }, { producer: bytes("crm-sync") }],
  };
  return JSON.stringify(record, null, 2);
}

function customerRecord(id: string, name: string, partition: number, offset: number, timestamp: number, customer: Customer): SampleEvent {
  return sample(id, name, "customer-topic", kafkaRecord(partition, offset, timestamp, customer.id, JSON.stringify(customer)));
}

/** Only west-coast customers reach the function (the filter applies to the decoded `value`). */
export const CUSTOMER_FILTER = { value: { state: ["WA", "OR", "CA"] } };

export function kafkaCrossAccount(): Design {
  return design({
    name: "Consume a Kafka topic from another account",
    description: `The MSK cluster runs in the producer account ${PRODUCER_ACCOUNT}; in the consumer account ${CONSUMER_ACCOUNT}, msk-lambda-cross-account-iam reads the topic customer (batches of 100, from the trim horizon, consumer group msk-lambda-iam) and writes CSV files to S3.`,
    nodes: [
      {
        id: "customer-topic",
        kind: "kafka-topic",
        position: at(0, 1),
        reader: "event-source-mapping",
        batchSize: 100,
        filterCriteria: [JSON.stringify(CUSTOMER_FILTER, null, 2)],
        expectations: [...verdicts(["customer-wa", "customer-ca"], "match"), ...verdicts(["customer-ny", "not-json"], "no-match")],
        startingPosition: "TRIM_HORIZON",
        cluster: "msk",
        clusterName: "msk-producer-cluster",
        account: PRODUCER_ACCOUNT,
        topic: "customer",
        consumerGroupId: "msk-lambda-iam",
        notes: [
          `Producer account ${PRODUCER_ACCOUNT}: provisioned Amazon MSK cluster msk-producer-cluster with IAM authentication and multi-VPC private connectivity.`,
          `Its cluster policy lets the consumer account's role arn:aws:iam::${CONSUMER_ACCOUNT}:role/msk-lambda-cross-account-iam-role connect (kafka-cluster:Connect, DescribeCluster, DescribeTopic, ReadData, DescribeGroup, AlterGroup) and create the managed VPC connection.`,
          "Each partition is processed in order, at least once.",
        ].join("\n"),
      },
      lambda(
        "msk-consumer",
        at(1, 1),
        "msk-lambda-cross-account-iam",
        `Consumer account ${CONSUMER_ACCOUNT}: writes each batch's records as a CSV file customer-data-<datetime>.csv into the bucket. Its execution role needs kafka-cluster read permissions on the producer's cluster and s3:PutObject.`,
      ),
      { id: "customer-data", kind: "s3-bucket", position: at(2, 1), bucketName: `customer-data-${CONSUMER_ACCOUNT}` },
    ],
    links: [
      ["customer-topic", "msk-consumer"],
      ["msk-consumer", "customer-data"],
    ],
    samples: [
      customerRecord("customer-wa", "Customer in WA (partition 0, offset 15)", 0, 15, 1772445000123, {
        id: "c-1001", firstname: "Jane", lastname: "Doe", company: "Example Corp", street: "12 Harbour Road", city: "Seattle", state: "WA", zip: "98101", email: "jane.doe@example.com",
      }),
      customerRecord("customer-ny", "Customer in NY (partition 0, offset 16)", 0, 16, 1772445001456, {
        id: "c-1002", firstname: "Carlos", lastname: "Salazar", company: "AnyCompany", street: "100 Main Street", city: "New York", state: "NY", zip: "10001", email: "carlos@example.com",
      }),
      customerRecord("customer-ca", "Customer in CA (partition 1, offset 7)", 1, 7, 1772445002789, {
        id: "c-1003", firstname: "Mary", lastname: "Major", company: "Example Books", street: "1 Market Street", city: "San Francisco", state: "CA", zip: "94105", email: "mary.major@example.com",
      }),
      sample("not-json", "Plain-text value (partition 1, offset 8)", "customer-topic", kafkaRecord(1, 8, 1772445003012, "heartbeat", "heartbeat from crm-sync")),
    ],
  });
}
