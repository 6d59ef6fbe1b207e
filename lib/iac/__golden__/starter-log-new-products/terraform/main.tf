# EventBridge resources of the Switchyard design "Log every new product".
# Note: HTTP API route POST /product (products-api) is not exported; only what EventBridge and the mappings need is.
# Note: Function addProduct puts events on bus default: its execution role needs events:PutEvents on that bus.

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

variable "log_product_function_name" {
  type        = string
  description = "Name of the existing function logProduct"
  default     = "logProduct"
}

resource "aws_cloudwatch_event_rule" "log_new_product_rule" {
  name          = "log-new-product"
  description   = "Every product addProduct publishes goes to logProduct"
  state         = "ENABLED"
  event_pattern = <<-PATTERN
    {
      "source": ["log.addProduct"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "log_new_product_rule_target0" {
  rule      = aws_cloudwatch_event_rule.log_new_product_rule.name
  target_id = "log-product-fn"
  arn       = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.log_product_function_name}"
}

resource "aws_lambda_permission" "log_new_product_rule_log_product_function_permission" {
  statement_id  = "LogNewProductRuleLogProductFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.log_product_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.log_new_product_rule.arn
}
