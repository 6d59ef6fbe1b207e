# EventBridge resources of the Switchyard design "Reward big payments".
# Note: Function payment puts events on Custom Event Bus eda_bus: its execution role needs events:PutEvents on that bus.
# Note: The Custom Event Bus resources use the awscc provider (awscc_eventsv2_*, generated from their CloudFormation schemas, >= 1.104.0): the aws provider has no resources for AWS::EventsV2 yet. Configure both providers for the same account and Region.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 6.0"
    }
    awscc = {
      source  = "hashicorp/awscc"
      version = ">= 1.104.0"
    }
  }
}

data "aws_partition" "current" {}

data "aws_region" "current" {}

data "aws_caller_identity" "current" {}

variable "rewards_function_name" {
  type        = string
  description = "Name of the existing function rewards"
  default     = "rewards"
}

variable "warehouse_function_name" {
  type        = string
  description = "Name of the existing function warehouse"
  default     = "warehouse"
}

variable "shipping_function_name" {
  type        = string
  description = "Name of the existing function shipping"
  default     = "shipping"
}

resource "aws_iam_role" "rewards_function_subscriber_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "events.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      }
    ]
  })
}

resource "aws_iam_role_policy" "rewards_function_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.rewards_function_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.rewards_function_name}"
      }
    ]
  })
}

resource "aws_iam_role" "warehouse_function_subscriber_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "events.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      }
    ]
  })
}

resource "aws_iam_role_policy" "warehouse_function_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.warehouse_function_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.warehouse_function_name}"
      }
    ]
  })
}

resource "aws_iam_role" "shipping_function_subscriber_role" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect = "Allow"
        Principal = {
          Service = "events.amazonaws.com"
        }
        Action = "sts:AssumeRole"
      }
    ]
  })
}

resource "aws_iam_role_policy" "shipping_function_subscriber_role" {
  name = "deliver-events"
  role = aws_iam_role.shipping_function_subscriber_role.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["lambda:InvokeFunction"]
        Resource = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.shipping_function_name}"
      }
    ]
  })
}

resource "awscc_eventsv2_event_bus" "eda_bus_bus" {
  name = "eda_bus"
  storage_configuration = {
    retention_period_in_days = 7
  }
}

resource "awscc_eventsv2_subscriber" "payment_processed_subscriber" {
  name          = "payment-processed"
  description   = "Payments over 200 earn rewards"
  event_bus_arn = awscc_eventsv2_event_bus.eda_bus_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail\":{\"total_cost\":[{\"numeric\":[\">\",200]}]},\"detail-type\":[\"Payment Processed\"],\"source\":[\"demo.payments\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.rewards_function_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.rewards_function_name}"
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
  retry_policy = {
    max_event_age_in_seconds = 86400
    max_retry_attempts       = 185
  }
}

resource "awscc_eventsv2_subscriber" "warehouse_payment_processed_subscriber" {
  name          = "warehouse-payment-processed"
  description   = "The warehouse picks every paid order"
  event_bus_arn = awscc_eventsv2_event_bus.eda_bus_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail-type\":[\"Payment Processed\"],\"source\":[\"demo.payments\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.warehouse_function_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.warehouse_function_name}"
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
  retry_policy = {
    max_event_age_in_seconds = 86400
    max_retry_attempts       = 185
  }
}

resource "awscc_eventsv2_subscriber" "shipping_payment_processed_subscriber" {
  name          = "shipping-payment-processed"
  description   = "Shipping schedules every paid order"
  event_bus_arn = awscc_eventsv2_event_bus.eda_bus_bus.event_bus_arn
  filter_configuration = {
    filters = [
      {
        pattern = "{\"detail-type\":[\"Payment Processed\"],\"source\":[\"demo.payments\"]}"
        scope   = "DATA"
      }
    ]
  }
  invoke_configuration = {
    role_arn   = aws_iam_role.shipping_function_subscriber_role.arn
    target_arn = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.shipping_function_name}"
  }
  transformer = {
    type = "RAW"
  }
  type              = "UNORDERED"
  starting_position = "LATEST"
  state             = "RUNNING"
  retry_policy = {
    max_event_age_in_seconds = 86400
    max_retry_attempts       = 185
  }
}
