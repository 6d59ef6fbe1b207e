-- DropIndex
DROP INDEX "BusEvent_busArn_ingestedAt_idx";

-- DropIndex
DROP INDEX "BusEvent_ingestedAt_idx";

-- DropIndex
DROP INDEX "BusEvent_source_ingestedAt_idx";

-- CreateIndex
CREATE INDEX "BusEvent_busArn_id_idx" ON "BusEvent"("busArn", "id");

-- CreateIndex
CREATE INDEX "BusEvent_source_id_idx" ON "BusEvent"("source", "id");

-- CreateIndex
CREATE INDEX "BusEvent_detailType_id_idx" ON "BusEvent"("detailType", "id");

-- CreateIndex
CREATE INDEX "BusEvent_busArn_time_idx" ON "BusEvent"("busArn", "time");
