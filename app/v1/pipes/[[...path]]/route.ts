// EventBridge Pipes' restJson1 paths at the app's origin under `next dev` (`npm start` answers
// them in server.ts before Next): `@aws-sdk/client-pipes` and `aws pipes` pointed at this app
// call them. See lib/emulator/pipes/protocol.ts.
import { answerRestJsonRoute } from "@/lib/emulator/loopback-server";

export const dynamic = "force-dynamic";
export { answerRestJsonRoute as DELETE, answerRestJsonRoute as GET, answerRestJsonRoute as POST, answerRestJsonRoute as PUT };
