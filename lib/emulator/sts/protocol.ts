/**
 * STS's GetCallerIdentity on the local endpoint, so "Test connection" works against it with the
 * unmodified `@aws-sdk/client-sts`. STS speaks the AWS query protocol: `POST /` with a form body
 * `Action=GetCallerIdentity&Version=2011-06-15`, answered in XML. The caller is the account's
 * root (as AWS answers for root credentials): the account is the access key id when it is 12
 * digits, else the local default account, as for every other local call (BusRuntime.scopeFor).
 */
import { accountRootArn } from "../../arn";
import { AwsError } from "../protocol/errors";
import type { BusRuntime } from "../runtime";
import { accessKeyOf, verifySignature } from "../protocol/sigv4";

const NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

const xmlEscape = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export async function handleStsRequest(request: Request, runtime: BusRuntime): Promise<Response> {
  const requestId = crypto.randomUUID();
  try {
    const body = new Uint8Array(await request.arrayBuffer());
    if (runtime.config.signingKeys !== undefined) verifySignature(request.method, request.headers, body, runtime.config.signingKeys);
    const form = new URLSearchParams(new TextDecoder().decode(body));
    const action = form.get("Action") ?? "";
    if (action !== "GetCallerIdentity") {
      throw new AwsError("UnknownOperationException", `Action ${action || "(none)"} is not supported by the local endpoint (only GetCallerIdentity).`);
    }
    const scope = runtime.scopeFor(accessKeyOf(request.headers.get("authorization")));
    const xml =
      `<GetCallerIdentityResponse xmlns="${NAMESPACE}"><GetCallerIdentityResult>` +
      `<Arn>${accountRootArn(scope)}</Arn><UserId>${scope.account}</UserId><Account>${scope.account}</Account>` +
      `</GetCallerIdentityResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`;
    return new Response(xml, { status: 200, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId } });
  } catch (error) {
    const aws = error instanceof AwsError ? error : new AwsError("InternalException", "An internal error occurred.");
    // The query protocol's error shape; STS calls an unknown action InvalidAction.
    const code = aws.type === "UnknownOperationException" ? "InvalidAction" : aws.type === "UnrecognizedClientException" ? "InvalidClientTokenId" : aws.type;
    const xml =
      `<ErrorResponse xmlns="${NAMESPACE}"><Error><Type>${aws.status >= 500 ? "Receiver" : "Sender"}</Type>` +
      `<Code>${xmlEscape(code)}</Code><Message>${xmlEscape(aws.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return new Response(xml, { status: aws.status, headers: { "content-type": "text/xml", "x-amzn-requestid": requestId } });
  }
}
