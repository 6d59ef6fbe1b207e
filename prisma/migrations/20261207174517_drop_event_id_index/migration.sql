-- DropIndex
DROP INDEX "BusEvent_eventId_idx";
