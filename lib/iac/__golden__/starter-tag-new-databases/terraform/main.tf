# EventBridge resources of the Switchyard design "Tag every new database".

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

variable "autotag_function_name" {
  type        = string
  description = "Name of the existing function autotag"
  default     = "autotag"
}

resource "aws_cloudwatch_event_rule" "rule_rds_created_rule" {
  name          = "rule-rds-created"
  description   = "Triggers Lambda when new RDS instance are created"
  state         = "ENABLED"
  event_pattern = <<-PATTERN
    {
      "detail": {
        "eventName": ["CreateDBInstance"],
        "eventSource": ["rds.amazonaws.com"]
      },
      "detail-type": ["AWS API Call via CloudTrail"],
      "source": ["aws.rds"]
    }
  PATTERN
}

resource "aws_cloudwatch_event_target" "rule_rds_created_rule_target0" {
  rule      = aws_cloudwatch_event_rule.rule_rds_created_rule.name
  target_id = "autotag"
  arn       = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.autotag_function_name}"
}

resource "aws_lambda_permission" "rule_rds_created_rule_autotag_function_permission" {
  statement_id  = "RuleRdsCreatedRuleAutotagFunctionPermission"
  action        = "lambda:InvokeFunction"
  function_name = "arn:${data.aws_partition.current.partition}:lambda:${data.aws_region.current.region}:${data.aws_caller_identity.current.account_id}:function:${var.autotag_function_name}"
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.rule_rds_created_rule.arn
}
