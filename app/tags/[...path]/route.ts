// The restJson1 tag paths (/tags/{arn}, shared by Scheduler and Pipes: the SigV4 scope tells
// them apart) at the app's origin under `next dev` (`npm start` answers them in server.ts
// before Next). See lib/emulator/loopback-server.ts.
import { answerRestJsonRoute } from "@/lib/emulator/loopback-server";

export const dynamic = "force-dynamic";
export { answerRestJsonRoute as DELETE, answerRestJsonRoute as GET, answerRestJsonRoute as POST, answerRestJsonRoute as PUT };
