# EventBridge resources of the Switchyard design "Consume a Kafka topic from another account".
# Note: MSK cluster msk-producer-cluster is in account 111111111111: its cluster policy (in that account) must let the function's execution role connect and read topic customer, over multi-VPC private connectivity.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
  }
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

variable "msk_producer_cluster_arn" {
  type        = string
  description = "ARN of the MSK cluster msk-producer-cluster in account 111111111111"
}

variable "msk_lambda_cross_account_iam_function_name" {
  type        = string
  description = "Name of the existing function msk-lambda-cross-account-iam"
  default     = "msk-lambda-cross-account-iam"
}

resource "aws_lambda_event_source_mapping" "customer_topic_msk_lambda_cross_account_iam_function_mapping" {
  event_source_arn  = var.msk_producer_cluster_arn
  function_name     = var.msk_lambda_cross_account_iam_function_name
  topics            = ["customer"]
  batch_size        = 100
  starting_position = "TRIM_HORIZON"

  amazon_managed_kafka_event_source_config {
    consumer_group_id = "msk-lambda-iam"
  }

  filter_criteria {
    filter {
      pattern = "{\"value\":{\"state\":[\"WA\",\"OR\",\"CA\"]}}"
    }
  }
}
