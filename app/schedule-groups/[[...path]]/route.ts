// EventBridge Scheduler's restJson1 paths at the app's origin under `next dev` (`npm start`
// answers them in server.ts before Next): `@aws-sdk/client-scheduler` and `aws scheduler`
// pointed at this app call them. See lib/emulator/scheduler/protocol.ts.
import { answerRestJsonRoute } from "@/lib/emulator/loopback-server";

export const dynamic = "force-dynamic";
export { answerRestJsonRoute as DELETE, answerRestJsonRoute as GET, answerRestJsonRoute as POST, answerRestJsonRoute as PUT };
