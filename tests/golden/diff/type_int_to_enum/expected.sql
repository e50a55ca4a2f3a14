-- AlterTable
ALTER TABLE "Item" DROP COLUMN "color",
ADD COLUMN     "color" "Color" NOT NULL;
