-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Booking" (
    "room" INTEGER NOT NULL,
    "day" DATE NOT NULL,
    "guest" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "note" TEXT,
    "slot" INTEGER NOT NULL,

    CONSTRAINT "booking_room_day_pk" PRIMARY KEY ("room","day")
);

-- CreateTable
CREATE TABLE "Room" (
    "number" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "room_pk" PRIMARY KEY ("number")
);

-- CreateIndex
CREATE UNIQUE INDEX "booking_guest_uq" ON "Booking"("guest" DESC);

-- CreateIndex
CREATE INDEX "Booking_day_room_idx" ON "Booking"("day" DESC, "room");

-- CreateIndex
CREATE INDEX "booking_note_ix" ON "Booking"("note");

-- CreateIndex
CREATE UNIQUE INDEX "booking_code_slot" ON "Booking"("code", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "Booking_room_slot_code_key" ON "Booking"("room", "slot", "code");

-- CreateIndex
CREATE UNIQUE INDEX "Room_name_key" ON "Room"("name");
